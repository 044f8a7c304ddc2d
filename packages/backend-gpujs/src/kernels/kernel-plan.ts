import type { GpuBuffer } from '../gpu-buffer';

/**
 * One kernel launch, described before anything is compiled. Plans with equal `key`s compile to
 * the same gpu.js kernel: the key holds the op, dtypes, shapes and strides (everything baked into
 * the source), never the per-call values in `scalars`.
 *
 * @example
 * ```ts
 * const plan: KernelPlan = {
 *   key: 'copy>float32|[6]|1',
 *   size: 6,
 *   source: () => 'function(x0, p0) { return x0[p0 + this.thread.x]; }',
 *   buffers: [buffer],
 *   scalars: [0],
 * };
 * ```
 */
export interface KernelPlan {
  readonly key: string;
  /** Output elements; a kernel writes one per thread, flat and row-major. */
  readonly size: number;
  /** The kernel's source, in gpu.js's JavaScript subset; called only on a cache miss. */
  readonly source: () => string;
  /** Array arguments, in order, named `x0, x1, …` in the source. */
  readonly buffers: readonly GpuBuffer[];
  /** Number arguments after the arrays (view offsets), named `p0, p1, …`. */
  readonly scalars: readonly number[];
}
