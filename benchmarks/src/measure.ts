import { Bench } from 'tinybench';

/** What {@link measure} reports for one task. */
export interface Measurement {
  /** Median wall time of one call, in milliseconds. */
  ms: number;
  /**
   * Minor page faults per measured call: about one per 4 KiB of freshly mapped memory the call
   * touched. Costly on this VM (~13 µs each), so they explain much of the run-to-run spread of
   * the elementwise suite (see ../README.md).
   */
  faultsPerCall: number;
}

function minorFaults(): number {
  return process.resourceUsage().minorPageFault;
}

/**
 * Times `fn` with tinybench, or returns `undefined` when `signal` (the whole run's time limit)
 * fired first.
 *
 * One untimed probe call sizes the run: about `budgetMs` of samples (3 to 200 of them), after a
 * warm-up of a third of the budget (none when the probe alone took half the budget). Fixed
 * tinybench defaults (16 warm-up calls, 64 samples) would take minutes for a 1024² matmul on
 * tfjs-backend-cpu and would be needlessly short for fast tasks.
 *
 * @example
 * ```ts
 * const m = await measure('add', () => add(a, b), AbortSignal.timeout(60_000));
 * m?.ms; // median milliseconds per call
 * ```
 */
export async function measure(
  name: string,
  fn: () => void,
  signal: AbortSignal,
  budgetMs = 1000,
): Promise<Measurement | undefined> {
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
    // A slow task is warm after its probe. A fast one warms for a third of the budget: the JIT,
    // and the C allocator, which may take ~100 calls to start reusing freed output buffers
    // instead of page-faulting fresh ones.
    warmup: probeMs < budgetMs / 2,
    warmupTime: budgetMs / 3,
    warmupIterations: Math.min(10, Math.max(1, Math.floor(iterations / 4))),
    throws: true,
  });
  let calls = 0;
  let faults = 0;
  bench.add(
    name,
    () => {
      calls++;
      fn();
    },
    {
      beforeAll: (mode) => {
        if (mode === 'run') [calls, faults] = [0, minorFaults()];
      },
      afterAll: (mode) => {
        if (mode === 'run') faults = minorFaults() - faults;
      },
    },
  );
  try {
    await bench.run();
  } finally {
    signal.removeEventListener('abort', forward);
  }
  const result = bench.tasks[0].result;
  if (result.state !== 'completed') return undefined;
  return { ms: result.latency.p50, faultsPerCall: faults / Math.max(calls, 1) };
}
