import { gcDuring } from './gc-during';
import type { ReportRow } from './report-table';
import { trainStepData, type TrainStepCase } from './train-step-case';
import { MLP, NET } from './train-step.bench';
import { torchletTrainer } from './train-step-torchlet';

/** One training loop of the suite: its case, untimed warm-up steps, measured steps. */
interface MemoryRun {
  c: TrainStepCase;
  /** Steps before the baseline sample: enough for the heap and the allocator to settle. */
  warmup: number;
  steps: number;
  /** Sample the RSS every this many steps. */
  sampleEvery: number;
}

/** Steps of each loop after its warm-up. */
const STEPS = 20_000;

const RUNS: readonly MemoryRun[] = [
  { c: NET, warmup: 3_000, steps: STEPS, sampleEvery: 500 },
  // ~12–16 ms a step on 2 cores, so ~5 minutes for 20,000. Its RSS peaks around step 200 and
  // is flat (±1%) from ~500 on; 1,000 warm-up steps leave a margin.
  { c: MLP, warmup: 1_000, steps: STEPS, sampleEvery: 100 },
];

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

async function memoryRow(run: MemoryRun, signal: AbortSignal): Promise<ReportRow> {
  const { c, warmup, steps, sampleEvery } = run;
  const t = torchletTrainer(c, trainStepData(c));
  for (let i = 0; i < warmup && !signal.aborted; i++) t.step();
  const base = process.memoryUsage();
  let minRss = base.rss;
  let maxRss = base.rss;
  let maxArrayBuffers = base.arrayBuffers;
  let done = 0;
  let end = base.rss;
  const gc = await gcDuring(() => {
    for (; done < steps && !signal.aborted; done++) {
      t.step();
      if ((done + 1) % sampleEvery === 0) {
        const m = process.memoryUsage();
        minRss = Math.min(minRss, m.rss);
        maxRss = Math.max(maxRss, m.rss);
        maxArrayBuffers = Math.max(maxArrayBuffers, m.arrayBuffers);
      }
    }
    // Right after the last step: once the loop yields, the thousands of GC entries and
    // finalizer callbacks it queued are delivered, which is the probe's memory, not the loop's.
    end = process.memoryUsage().rss;
  });
  const drift = (x: number) => `${(((x - base.rss) / base.rss) * 100).toFixed(1)}%`;
  const count = done.toLocaleString('en');
  const took = ` (${(gc.totalMs / Math.max(done, 1)).toFixed(1)} ms a step, ${(gc.totalMs / 1000).toFixed(0)} s in all)`;
  const detail =
    `torchlet CPU, ${c.name}, ${count} steps${took} after ${warmup.toLocaleString('en')} ` +
    `warm-up: RSS ${mib(base.rss)} after warm-up, ${mib(minRss)}–${mib(maxRss)} during ` +
    `(${drift(minRss)} to ${drift(maxRss)}), ${mib(end)} at the end (${drift(end)}); ` +
    `typed arrays up to ${mib(maxArrayBuffers)}; GC ${gc.gcMs.toFixed(0)} ms in ` +
    `${gc.collections} pauses = ${((gc.gcMs / gc.totalMs) * 100).toFixed(1)}% of the step time.`;
  console.error(`  ${detail}`);
  return {
    suite: 'memory',
    case: `${c.name} × ${count}`,
    unit: c.unit,
    work: c.unit === 'samples/s' ? done * c.batch : done,
    torchlet: { ms: gc.totalMs, faultsPerCall: NaN },
    detail,
  };
}

/**
 * The memory suite: long training loops on torchlet's CPU backend after a warm-up (the heap
 * settles), sampling the resident set size as they go: 20,000 steps of the article's `Net`
 * after 3,000 warm-up steps (every 500 steps), then 20,000 of the 784→512→512→10 MLP after 1,000
 * (every 100; ~5 minutes). Reports per loop the RSS drift against the level after warm-up, the
 * typed-array memory, and the share of the time spent in garbage collection.
 *
 * @example
 * ```ts
 * const [net, mlp] = await memoryBench(AbortSignal.timeout(300_000));
 * console.log(mlp.detail);
 * ```
 */
export async function memoryBench(signal: AbortSignal): Promise<ReportRow[]> {
  const rows: ReportRow[] = [];
  for (const run of RUNS) if (!signal.aborted) rows.push(await memoryRow(run, signal));
  return rows;
}
