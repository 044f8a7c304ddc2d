import { gcDuring } from './gc-during';
import type { ReportRow } from './report-table';
import { trainStepData } from './train-step-case';
import { NET } from './train-step.bench';
import { torchletTrainer } from './train-step-torchlet';

const WARMUP_STEPS = 3_000;
const STEPS = 20_000;
const SAMPLE_EVERY = 500;

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/**
 * The memory suite: 20,000 steps of the article's `Net` loop on torchlet's CPU backend after
 * 3,000 warm-up steps (the heap settles), sampling the resident set size every 500 steps. Reports the RSS drift
 * against the level after warm-up, the typed-array memory, and the share of the time spent in
 * garbage collection.
 *
 * @example
 * ```ts
 * const [row] = await memoryBench(AbortSignal.timeout(120_000));
 * console.log(row.detail);
 * ```
 */
export async function memoryBench(signal: AbortSignal): Promise<ReportRow[]> {
  const t = torchletTrainer(NET, trainStepData(NET));
  for (let i = 0; i < WARMUP_STEPS; i++) t.step();
  const base = process.memoryUsage();
  let minRss = base.rss;
  let maxRss = base.rss;
  let maxArrayBuffers = base.arrayBuffers;
  let done = 0;
  const gc = await gcDuring(() => {
    for (; done < STEPS && !signal.aborted; done++) {
      t.step();
      if ((done + 1) % SAMPLE_EVERY === 0) {
        const m = process.memoryUsage();
        minRss = Math.min(minRss, m.rss);
        maxRss = Math.max(maxRss, m.rss);
        maxArrayBuffers = Math.max(maxArrayBuffers, m.arrayBuffers);
      }
    }
  });
  const end = process.memoryUsage().rss;
  const drift = (x: number) => `${(((x - base.rss) / base.rss) * 100).toFixed(1)}%`;
  const detail =
    `torchlet CPU, ${NET.name}, ${done.toLocaleString('en')} steps after ${WARMUP_STEPS} warm-up: ` +
    `RSS ${mib(base.rss)} after warm-up, ${mib(minRss)}–${mib(maxRss)} during ` +
    `(${drift(minRss)} to ${drift(maxRss)}), ${mib(end)} at the end (${drift(end)}); ` +
    `typed arrays up to ${mib(maxArrayBuffers)}; GC ${gc.gcMs.toFixed(0)} ms in ` +
    `${gc.collections} pauses = ${((gc.gcMs / gc.totalMs) * 100).toFixed(1)}% of the step time.`;
  console.error(`  ${detail}`);
  return [
    {
      suite: 'memory',
      case: `${NET.name} × ${done.toLocaleString('en')}`,
      unit: 'steps/s',
      work: done,
      torchlet: { ms: gc.totalMs, faultsPerCall: NaN },
      detail,
    },
  ];
}
