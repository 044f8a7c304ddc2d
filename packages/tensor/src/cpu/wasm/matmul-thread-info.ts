import { runningGemmPool } from './gemm-pool';
import { nodeGemmThreads } from './node-gemm-threads';
import { singleThreadedBecause } from './single-threaded-because';

/** What {@link matmulThreadInfo} reports about the CPU backend's matmul threads. */
export interface MatmulThreadInfo {
  /**
   * Threads a large float32 matmul is split over, the calling thread included: what
   * `getNumThreads()` says for the default CPU backend.
   */
  threads: number;
  /** Worker threads started and waiting for work: `threads − 1` once the first large matmul ran. */
  readyWorkers: number;
  /**
   * Tasks (slabs of a product) each thread has run since the pool started: the calling thread
   * first, then each worker. Empty until the first matmul large enough to split
   * (about 2·128³ flops), and with one thread.
   */
  tasksByThread: number[];
  /** Why matmul stays on the calling thread whatever `setNumThreads` asks, where it does. */
  singleThreadedBecause?: string;
}

/**
 * Whether the CPU backend's float32 matmul really runs on several threads here: how many it
 * uses, and how much work each has done. Meant for checking a runtime (the repository's runtime
 * check runs it on Node, Deno and Bun), like `torch.__config__.parallel_info()`.
 *
 * @example
 * ```ts
 * import { matmul, randn } from '@torchlet/tensor';
 * import { matmulThreadInfo } from '@torchlet/tensor/cpu-wasm';
 * const a = randn([512, 512]);
 * for (let i = 0; i < 20; i++) matmul(a, a);
 * matmulThreadInfo(); // { threads: 2, readyWorkers: 1, tasksByThread: [40, 40] } on 2 cores
 * ```
 */
export function matmulThreadInfo(): MatmulThreadInfo {
  // First: it stops a pool whose worker failed.
  const because = singleThreadedBecause();
  const pool = runningGemmPool();
  return {
    threads: nodeGemmThreads.count(),
    readyWorkers: pool?.readyWorkers() ?? 0,
    tasksByThread: pool?.tasksByThread() ?? [],
    ...(because === undefined ? {} : { singleThreadedBecause: because }),
  };
}
