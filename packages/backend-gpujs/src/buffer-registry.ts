import { GpuBuffer, type BufferCell, type DeviceData } from './gpu-buffer';

/**
 * Tracks the device buffers of one backend. Each wrapper is registered with a
 * `FinalizationRegistry`, so the device data of a tensor that is garbage-collected without
 * `dispose()` is released too (GL textures are deleted; typed arrays just stop being counted).
 * `live` counts buffers neither freed nor collected.
 *
 * @example
 * ```ts
 * const registry = new BufferRegistry((data) => (data instanceof Float32Array ? undefined : data.delete()));
 * const buffer = registry.wrap(new Float32Array(4), 4);
 * registry.release(buffer); // registry.live is back to 0
 * ```
 */
export class BufferRegistry {
  private count = 0;
  private readonly finalizer: FinalizationRegistry<BufferCell>;

  constructor(private readonly deleteData: (data: DeviceData) => void) {
    // The held cell does not reference its wrapper, so it cannot keep the wrapper alive.
    this.finalizer = new FinalizationRegistry((cell) => this.releaseCell(cell));
  }

  /** Buffers created and not yet freed or collected. */
  get live(): number {
    return this.count;
  }

  /** Wraps kernel output `data` of `size` elements as a new live buffer. */
  wrap(data: DeviceData, size: number): GpuBuffer {
    const buffer = new GpuBuffer({ data }, size);
    this.count++;
    this.finalizer.register(buffer, buffer.cell, buffer);
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
    this.deleteData(data);
  }
}
