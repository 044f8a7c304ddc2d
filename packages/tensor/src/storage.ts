import type { Backend } from './backend';
import type { DType } from './dtype';

/** Where new storages are logged while {@link trackStorages} runs; null otherwise. */
let log: Storage[] | null = null;

/**
 * The memory behind one or more tensors: a backend buffer. Views (and `detach()`) share their
 * base's storage, and with it one version counter: every in-place write bumps `version`, so
 * autograd can refuse to backward through a tensor that was overwritten after it was saved.
 *
 * `buffer` is replaced (never written through by ops) by in-place ops such as `copy_`, so every
 * view of the storage sees the update; a backend's fused kernel may also update it in place.
 * Either way the write goes through {@link Storage.replaceBuffer} or {@link Storage.bumpVersion}.
 *
 * @example
 * ```ts
 * const w = zeros([3]);
 * w.storage.version; // 0
 * w.fill_(1);
 * w.storage.version; // 1
 * ```
 */
export class Storage {
  /** Whether `dispose()` freed the buffer; a disposed storage cannot be read. */
  disposed = false;
  /** How many in-place writes this storage has seen (PyTorch's `_version`). */
  version = 0;

  /**
   * Wraps a backend buffer (tensor's factories and ops create storages; user code rarely does).
   *
   * @param backend - The backend that owns `buffer`.
   * @param buffer - The backend buffer holding the elements.
   * @param size - The number of elements in the buffer.
   */
  constructor(
    /** The backend that owns the buffer (`moveTo` changes it). */
    public backend: Backend,
    /** The backend buffer holding the elements; in-place writes replace it (`replaceBuffer`). */
    public buffer: unknown,
    /** The number of elements in the buffer. */
    readonly size: number,
  ) {
    if (log !== null) log.push(this);
  }

  /**
   * Points the storage at a new buffer holding its new values, frees the old one, and bumps the
   * version. The one way an in-place write lands, for tensor's own ops and for packages that
   * update parameters with a backend kernel of their own (an optimizer's fused step, say).
   * Passing the current buffer (a kernel that wrote into it) only bumps the version.
   *
   * @example
   * ```ts
   * const next = backend.copy(source, 'float32');
   * param.storage.replaceBuffer(next);
   * ```
   */
  replaceBuffer(next: unknown): void {
    if (this.disposed) throw new Error('replaceBuffer: the storage was disposed');
    const old = this.buffer;
    this.buffer = next;
    this.version++;
    if (old !== next) this.backend.free(old);
  }

  /** Records an in-place write that a kernel made into the current buffer. */
  bumpVersion(): void {
    this.version++;
  }

  /**
   * Moves the whole buffer to another backend in place, so every tensor viewing this storage
   * (a model's parameters, say) now lives there. Needs a synchronous read on the current backend.
   * The values do not change, so neither does the version.
   */
  moveTo(target: Backend, dtype: DType): void {
    if (target === this.backend) return;
    const read = this.backend.readSync;
    if (read === undefined) {
      throw new Error(
        `to: the ${this.backend.name} backend cannot read synchronously; copy with await tensor.data() instead`,
      );
    }
    const values = read.call(this.backend, this.buffer, dtype);
    const moved = target.upload(values, dtype);
    this.backend.free(this.buffer);
    this.backend = target;
    this.buffer = moved;
  }

  /** Frees the device buffer. Later reads throw. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.backend.free(this.buffer);
    // Drop the reference too: a GC-owned buffer (the CPU backend's) is then collected even while
    // something still holds this storage, such as a list of what a backward pass made.
    this.buffer = null;
  }
}

/**
 * Runs `fn`, appending every storage created meanwhile to `into` (and to an outer call's list);
 * with null, logs none, also for an outer call. autograd's backward pass uses it to free the buffers of gradients
 * it made and used up, so device memory stays bounded without waiting for the garbage collector.
 *
 * @example
 * ```ts
 * const made: Storage[] = [];
 * const y = trackStorages(made, () => x.mul(2).add(1)); // made holds both results' storages
 * ```
 */
export function trackStorages<T>(into: Storage[] | null, fn: () => T): T {
  const previous = log;
  const start = into === null ? 0 : into.length;
  log = into;
  try {
    return fn();
  } finally {
    log = previous;
    // An outer call sees what an inner one logged.
    if (previous !== null && into !== null) {
      for (let i = start; i < into.length; i++) previous.push(into[i]);
    }
  }
}
