import type { Backend } from './backend';
import type { DType } from './dtype';

/**
 * The memory behind one or more tensors: a backend buffer. Views share their base's storage.
 * `buffer` is replaced (never written through) by in-place ops such as `copy_`, so every view of
 * the storage sees the update.
 */
export class Storage {
  disposed = false;
  constructor(
    public backend: Backend,
    public buffer: unknown,
    readonly size: number,
  ) {}

  /**
   * Moves the whole buffer to another backend in place, so every tensor viewing this storage
   * (a model's parameters, say) now lives there. Needs a synchronous read on the current backend.
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
  }
}
