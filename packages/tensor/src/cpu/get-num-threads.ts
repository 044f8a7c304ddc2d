import { defaultAccelerator } from './default-accelerator';

/**
 * How many threads the default CPU backend's float32 matmul uses, the calling thread included:
 * the last `setNumThreads`, else the machine's available parallelism (at most 8). Node, Deno and
 * Bun run the worker threads; it is always 1 in browser bundles, where `node:worker_threads` or
 * shared WebAssembly memory is missing, and after a worker thread failed (a warning says why;
 * `matmulThreadInfo()` from `@torchlet/tensor/cpu-wasm` tells the reason and each thread's work).
 *
 * @example
 * ```ts
 * import { getNumThreads } from '@torchlet/tensor';
 * getNumThreads(); // 2 on a 2-core machine
 * ```
 */
export function getNumThreads(): number {
  return defaultAccelerator?.threads() ?? 1;
}
