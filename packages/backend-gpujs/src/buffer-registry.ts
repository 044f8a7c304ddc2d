import { GpuBuffer, type BufferCell, type DeviceData } from './gpu-buffer';

/**
 * Tracks the device buffers of one backend. Each wrapper is registered with a
 * `FinalizationRegistry`, so the device data of a tensor that is garbage-collected without
 * `dispose()` is released too. `live` counts buffers neither freed nor collected.
 *
 * With `deleteData` (GL textures, which the garbage collector cannot free) the registry keeps
 * the data until the finalizer deletes it. Without it (gpu.js's Float32Arrays in `cpu` and
 * `webasm` modes) it keeps nothing of the buffer, so the arrays of collected tensors are freed
 * by the collector at once, even in a loop that never yields to the finalizer.
 *
 * @example
 * ```ts
 * const registry = new BufferRegistry(null); // Float32Array buffers
 * const buffer = registry.wrap(new Float32Array(4), 4);
 * registry.release(buffer); // registry.live is back to 0
 * ```
 */
export class BufferRegistry {
  private count = 0;
  private collectedCount = 0;
  private readonly finalizer: FinalizationRegistry<BufferCell | null>;

  constructor(private readonly deleteData: ((data: DeviceData) => void) | null) {
    // The held cell does not reference its wrapper, so it cannot keep the wrapper alive.
    this.finalizer = new FinalizationRegistry((cell) => {
      this.collectedCount++;
      if (cell === null) this.count--;
      else this.releaseCell(cell);
    });
  }

  /** Buffers created and not yet freed or collected. */
  get live(): number {
    return this.count;
  }

  /** How many buffers the garbage collector has released so far (not freed explicitly). */
  get collected(): number {
    return this.collectedCount;
  }

  /** Wraps kernel output `data` of `size` elements as a new live buffer. */
  wrap(data: DeviceData, size: number): GpuBuffer {
    const buffer = new GpuBuffer({ data }, size);
    this.count++;
    this.finalizer.register(buffer, this.deleteData === null ? null : buffer.cell, buffer);
    return buffer;
  }

  /** Frees a buffer now; freeing twice is harmless. */
  release(buffer: GpuBuffer): void {
    this.finalizer.unregister(buffer);
    this.releaseCell(buffer.cell);
  }

  private releaseCell(cell: BufferCell): void {
    if (cell.data === null) return;
    const data = cell.data;
    cell.data = null;
    this.count--;
    this.deleteData?.(data);
  }
}
