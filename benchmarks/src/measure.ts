import { Bench } from 'tinybench';

/**
 * Median wall time in milliseconds of one call of `fn`, measured with tinybench, or `undefined`
 * when `signal` (the whole run's time limit) fired first.
 *
 * One untimed probe call sizes the run: about `budgetMs` of samples (3 to 200 of them), after a
 * warm-up of 1 to 10 calls (none when the probe alone took half the budget). Fixed tinybench defaults (16 warm-up calls, 64 samples) would take
 * minutes for a 1024² matmul on tfjs-backend-cpu and would be needlessly short for fast tasks.
 *
 * @example
 * ```ts
 * const ms = await measure('add', () => add(a, b), AbortSignal.timeout(60_000));
 * ```
 */
export async function measure(
  name: string,
  fn: () => void,
  signal: AbortSignal,
  budgetMs = 1000,
): Promise<number | undefined> {
  if (signal.aborted) return undefined;
  const t0 = performance.now();
  fn();
  const probeMs = Math.max(performance.now() - t0, 1e-3);
  const iterations = Math.min(200, Math.max(3, Math.floor(budgetMs / probeMs)));
  // A per-call signal: tinybench adds an abort listener to the one it gets, and the run-wide
  // signal would otherwise collect one per measured task.
  const local = new AbortController();
  const forward = () => local.abort(signal.reason);
  signal.addEventListener('abort', forward, { once: true });
  const bench = new Bench({
    name,
    signal: local.signal,
    time: 0, // the sample count alone decides
    iterations,
    // A slow task is warm after its probe; a fast one gets a few more calls for the JIT.
    warmup: probeMs < budgetMs / 2,
    warmupTime: 0,
    warmupIterations: Math.min(10, Math.max(1, Math.floor(iterations / 4))),
    throws: true,
  });
  bench.add(name, fn);
  try {
    await bench.run();
  } finally {
    signal.removeEventListener('abort', forward);
  }
  const result = bench.tasks[0].result;
  return result.state === 'completed' ? result.latency.p50 : undefined;
}
