import type { Backend } from './backend';

/**
 * The memory behind one or more tensors: a backend buffer. Views share their base's storage.
 * `buffer` is replaced (never written through) by in-place ops such as `copy_`, so every view of
 * the storage sees the update.
 */
export class Storage {
  disposed = false;
  constructor(
    readonly backend: Backend,
    public buffer: unknown,
    readonly size: number,
  ) {}

  /** Frees the device buffer. Later reads throw. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.backend.free(this.buffer);
  }
}
