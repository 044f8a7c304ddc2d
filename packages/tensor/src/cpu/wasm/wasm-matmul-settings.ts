/**
 * Tuning of {@link wasmMatmul}, mutable so tests can force its threaded path on small products.
 *
 * @example
 * ```ts
 * const saved = wasmMatmulSettings.minParallelFlops;
 * wasmMatmulSettings.minParallelFlops = 0; // split every product over the threads
 * // … run matmuls …
 * wasmMatmulSettings.minParallelFlops = saved;
 * ```
 */
export const wasmMatmulSettings = {
  /**
   * Products of fewer flops (2·m·n·k summed over the batch) stay on the calling thread: handing a
   * job to the workers costs ~10–50 µs, more than splitting a smaller product saves (measured).
   */
  minParallelFlops: 2 * 96 ** 3,
};
