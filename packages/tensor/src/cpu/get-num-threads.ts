import { defaultAccelerator } from './default-accelerator';

/**
 * How many threads the default CPU backend's float32 matmul uses, the calling thread included:
 * the last `setNumThreads`, else the machine's available parallelism (at most 8). Always 1
 * where worker threads are unavailable, and in browser bundles.
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
