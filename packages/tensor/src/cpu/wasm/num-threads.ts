import { nodeBuiltin } from './node-builtin';

// More threads than this are rarely faster for one matmul (each packs its own operand panels)
// and cost a worker each, so the default stops here; setNumThreads can go higher.
const DEFAULT_MAX = 8;

let requested: number | undefined;

/** Whether this runtime can run worker threads (Node's worker_threads with SharedArrayBuffer). */
export function threadsAvailable(): boolean {
  return (
    typeof SharedArrayBuffer === 'function' &&
    nodeBuiltin<typeof import('node:worker_threads')>('node:worker_threads') !== undefined
  );
}

/**
 * Sets how many threads the CPU backend's float32 matmul may use, the calling thread included,
 * as `torch.set_num_threads` does. `setNumThreads(1)` uses no worker threads. The workers are
 * started lazily by the first matmul large enough to split, and are unref'd, so they never keep
 * a process alive. Where worker threads are unavailable (browsers), matmul stays on the calling
 * thread whatever this says.
 *
 * @example
 * ```ts
 * import { getNumThreads, setNumThreads } from '@torchlet/tensor';
 * setNumThreads(1); // single-threaded, e.g. when running several processes side by side
 * getNumThreads(); // 1
 * ```
 */
export function setNumThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`setNumThreads: expected an integer >= 1, got ${n}`);
  }
  requested = n;
}

/**
 * How many threads the CPU backend's float32 matmul uses, the calling thread included: the last
 * {@link setNumThreads}, else the machine's available parallelism (at most 8). Always 1 where
 * worker threads are unavailable (browsers).
 *
 * @example
 * ```ts
 * import { getNumThreads } from '@torchlet/tensor';
 * getNumThreads(); // 2 on a 2-core machine
 * ```
 */
export function getNumThreads(): number {
  if (!threadsAvailable()) return 1;
  if (requested !== undefined) return requested;
  const os = nodeBuiltin<typeof import('node:os')>('node:os');
  return Math.max(1, Math.min(DEFAULT_MAX, os?.availableParallelism?.() ?? 1));
}
