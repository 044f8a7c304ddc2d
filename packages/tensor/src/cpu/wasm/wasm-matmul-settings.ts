/**
 * Tuning of how Node's `cpuWasm` splits products over threads (`nodeGemmThreads`), mutable so
 * tests can force the threaded path on small products.
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
   * tiles) stay on the calling thread. Measured on 2 cores: with the workers spinning (matmuls
   * back to back) two threads break even at ~96³ (~40 µs of work) and run 1.6× faster from 128³
   * on; with the workers asleep (a training step, other ops in between) a worker wakes ~100 µs
   * late, and products under ~128³ (~90 µs) gained nothing or lost (128×512×10: 0.17 → 0.3 ms).
   */
  minParallelFlops: 2 * 128 ** 3,
  /**
   * Tasks per thread that a threaded product is cut into. More than one lets a thread that starts
   * late (a worker waking up, the caller allocating the output) still even out the load; each
   * task repacks one operand, so more cost more.
   */
  tasksPerThread: 2,
};
