import { PerformanceObserver } from 'node:perf_hooks';

/** Time spent in garbage collection while a function ran. */
export interface GcTime {
  /** Wall time of `fn`, in ms. */
  totalMs: number;
  /** Sum of the GC pauses that fell inside it, in ms. */
  gcMs: number;
  /** GC pauses counted. */
  collections: number;
}

/**
 * Runs `fn` and sums the GC pauses V8 reports meanwhile (`perf_hooks` 'gc' entries). The entries
 * arrive asynchronously, so it waits a moment after `fn` before reading them.
 *
 * @example
 * ```ts
 * const { gcMs, totalMs } = await gcDuring(() => { for (let i = 0; i < 1000; i++) t.step(); });
 * ```
 */
export async function gcDuring(fn: () => void): Promise<GcTime> {
  let gcMs = 0;
  let collections = 0;
  let open = true;
  const t0 = performance.now();
  let t1 = Infinity;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      // Only pauses that started while fn ran.
      if (!open && e.startTime > t1) continue;
      if (e.startTime < t0) continue;
      gcMs += e.duration;
      collections++;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  fn();
  t1 = performance.now();
  open = false;
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return { totalMs: t1 - t0, gcMs, collections };
}
