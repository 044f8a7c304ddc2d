import type { MatmulThreadInfo } from './matmul-thread-info';

/**
 * The browser build's {@link matmulThreadInfo}: its `cpuWasm` runs matmul on the calling thread.
 *
 * @example
 * ```ts
 * import { matmulThreadInfo } from '@torchlet/tensor/cpu-wasm';
 * matmulThreadInfo().threads; // 1 in browsers
 * ```
 */
export function matmulThreadInfo(): MatmulThreadInfo {
  return {
    threads: 1,
    readyWorkers: 0,
    tasksByThread: [],
    singleThreadedBecause: "the browser build's cpuWasm runs matmul on the calling thread",
  };
}
