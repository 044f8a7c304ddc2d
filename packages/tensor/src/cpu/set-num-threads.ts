let requested: number | undefined;

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

/** The last {@link setNumThreads}, or `undefined` before any: for the thread pool to read. */
export function requestedThreads(): number | undefined {
  return requested;
}
