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
   * Products of fewer flops (2·m·n·k summed over the batch, m and n rounded up to whole 2×16
   * tiles) stay on the calling thread. Measured on 2 cores: two threads break even at about 96³
   * (~40 µs of work; starting a job and waiting for the last task cost ~10–20 µs) and run 1.6×
   * faster from 128³ on.
   */
  minParallelFlops: 2 * 96 ** 3,
  /**
   * Tasks per thread that a threaded product is cut into. More than one lets a thread that starts
   * late (a worker waking up, the caller allocating the output) still even out the load; each
   * task repacks one operand, so more cost more.
   */
  tasksPerThread: 2,
};
