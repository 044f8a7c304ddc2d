import type { Texture } from 'gpu.js';

/**
 * What a gpu.js kernel returns with `pipeline: true`: a WebGL texture in the GL modes, and a
 * Float32Array in the `cpu` and `webasm` modes (where there is no device memory to keep it in).
 *
 * @example
 * ```ts
 * const data: DeviceData = new Float32Array(3); // as in 'cpu' and 'webasm' modes
 * ```
 */
export type DeviceData = Texture | Float32Array;

/**
 * The part of a buffer that outlives its wrapper, so the finalizer can release it.
 *
 * @example
 * ```ts
 * const cell: BufferCell = { data: new Float32Array(3) };
 * ```
 */
export interface BufferCell {
  /** The device data, or null once it was released. */
  data: DeviceData | null;
}

/**
 * A buffer of the gpu.js backend: `size` float32 slots on the device. Every dtype is stored as
 * float32 (bool as 0/1, int32 exactly up to 2^24). The wrapper is what tensors hold; when it is
 * garbage-collected the backend's `FinalizationRegistry` releases the device data.
 *
 * @example
 * ```ts
 * const backend = await gpujs({ mode: 'cpu' });
 * const buffer: GpuBuffer = backend.upload([1, 2, 3], 'float32');
 * buffer.size; // 3
 * ```
 */
export class GpuBuffer {
  /**
   * What the backend's `FinalizationRegistry` watches in place of the wrapper: it dies with the
   * wrapper and references nothing. V8's minor collections keep every registered object (and
   * all it references) alive until a full collection, so registering the wrapper itself would
   * keep its data too; this way only the empty sentinel waits.
   */
  readonly sentinel: object = {};

  /**
   * Wraps device data (the backend makes buffers; user code does not).
   *
   * @param cell - Holds the device data, so the finalizer can release it.
   * @param size - The number of float32 slots.
   */
  constructor(
    /** Holds the device data, so the finalizer can release it after the wrapper is gone. */
    readonly cell: BufferCell,
    /** The number of float32 slots. */
    readonly size: number,
  ) {}

  /** False once `free` (or the finalizer) has released the device data. */
  get live(): boolean {
    return this.cell.data !== null;
  }
}
