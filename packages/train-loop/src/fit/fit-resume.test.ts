import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdamW } from '@torchlet/optim';
import { LRScheduler, warmupCosine } from '@torchlet/schedulers';
import { Generator, manualSeed, randint, randn } from '@torchlet/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import type { Callback } from '../callbacks/callback';
import { checkpoint } from '../callbacks/checkpoint';
import { DataLoader } from '../data/data-loader';
import { TensorDataset } from '../data/tensor-dataset';
import { crossEntropy } from '../../test-support/cross-entropy';
import { TinyNet } from '../../test-support/tiny-net';
import { fit, type FitOptions } from './fit';
import type { History } from './history';

const dir = mkdtempSync(join(tmpdir(), 'torchlet-fit-resume-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

manualSeed(4321);
const x = randn([40, 4]);
const y = randint(0, 3, [40]);
const xVal = randn([12, 4]);
const yVal = randint(0, 3, [12]);
const quiet = { write: () => undefined };

/**
 * TinyNet (dropout draws from the global generator), a shuffling loader, an unseeded val loader
 * (each evaluation draws its base seed from the global generator), AdamW and a scheduler: every
 * piece of state a resume has to get right.
 */
function setup(seed: number, loaderSeed: number | null): FitOptions {
  manualSeed(seed);
  const model = new TinyNet();
  const optimizer = new AdamW(model.namedParameters(), { lr: 0.02 });
  return {
    model,
    optimizer,
    scheduler: new LRScheduler(
      optimizer,
      warmupCosine({ peak: 0.02, warmupSteps: 4, totalSteps: 20 }),
    ),
    loss: crossEntropy,
    // 40 rows in batches of 16: epochs end at steps 2, 5, 8, 11, …
    train: new DataLoader(new TensorDataset(x, y), {
      batchSize: 16,
      shuffle: true,
      generator: loaderSeed === null ? undefined : new Generator(loaderSeed),
    }),
    val: new DataLoader(new TensorDataset(xVal, yVal), { batchSize: 5 }),
    evalEvery: 3,
    clipGradNorm: 0.5,
    output: quiet,
  };
}

const bits = (h: History) => h.train.map((r) => [r.step, r.epoch, r.loss, r.gradNorm, r.lr]);
const weights = (o: FitOptions) =>
  Object.values(o.model.stateDict()).map((t) => Array.from(t.dataSync()));

describe.each([
  { loaderSeed: 7, what: 'a seeded train loader' },
  { loaderSeed: null, what: 'the global generator' },
])('fit resumes bit for bit from every kind of checkpoint it writes ($what)', ({ loaderSeed }) => {
  const steps = 20;
  const stopAt = 10; // the shorter run's last step; 10 % evalEvery !== 0, so its eval is the final one
  let full: History;
  let fullWeights: number[][];

  it('writes them in a run that stops early', async () => {
    const a = setup(0, loaderSeed);
    full = await fit({ ...a, steps });
    fullWeights = weights(a);

    let ticks = 0;
    const manual: Callback = {
      async onFitStart(ctx) {
        await ctx.saveCheckpoint(join(dir, `${loaderSeed}-start.safetensors`));
      },
      async onStepEnd(ctx) {
        if (ctx.step === 7)
          await ctx.saveCheckpoint(join(dir, `${loaderSeed}-manual-7.safetensors`));
      },
    };
    const b = setup(0, loaderSeed);
    const first = await fit({
      ...b,
      steps: stopAt + 1,
      // A metric that improves at every evaluation, so saveBest writes at each one.
      metrics: ['loss', { name: 'tick', fn: () => ++ticks }],
      callbacks: [
        checkpoint({ path: join(dir, `${loaderSeed}-every-{step}.safetensors`), every: 4 }),
        checkpoint({
          path: join(dir, `${loaderSeed}-best-{step}.safetensors`),
          saveBest: true,
          monitor: 'tick',
          mode: 'max',
        }),
        manual,
      ],
    });
    expect(bits(first)).toEqual(bits(full).slice(0, stopAt + 1));
    expect(first.eval.map((r) => r.step)).toEqual([0, 3, 6, 9, 10]);
  });

  it.each([
    { file: 'every-4', step: 4, kind: 'periodic, mid-epoch' },
    { file: 'every-8', step: 8, kind: 'periodic, at the end of an epoch' },
    { file: 'every-10', step: 10, kind: 'the last step (onFitEnd)' },
    { file: 'best-0', step: 0, kind: 'saveBest at the first evaluation' },
    { file: 'best-6', step: 6, kind: 'saveBest at an intermediate evaluation' },
    { file: 'best-10', step: 10, kind: 'saveBest at the final evaluation' },
    { file: 'manual-7', step: 7, kind: 'ctx.saveCheckpoint from onStepEnd' },
  ])('$kind ($file)', async ({ file, step }) => {
    const path = join(dir, `${loaderSeed}-${file}.safetensors`);
    expect(existsSync(path)).toBe(true);
    // Another process, in effect: other weights, other seeds, another loader generator.
    const c = setup(99, loaderSeed === null ? null : 12345);
    const resumed = await fit({ ...c, steps, resume: path });
    expect(resumed.train[step].step).toBe(step);
    expect(bits(resumed).slice(step + 1)).toEqual(bits(full).slice(step + 1));
    expect(weights(c)).toEqual(fullWeights);
  });

  it('ctx.saveCheckpoint from onFitStart, before any step: in a fresh and in a resumed run', async () => {
    const saveAtStart = (path: string): Callback => ({
      async onFitStart(ctx) {
        await ctx.saveCheckpoint(path);
      },
    });
    const other = loaderSeed === null ? null : 12345;
    // Fresh run's start: the resumed run is the whole uninterrupted run.
    const again = join(dir, `${loaderSeed}-start-again.safetensors`);
    const c = setup(99, other);
    const fromStart = await fit({
      ...c,
      steps,
      resume: join(dir, `${loaderSeed}-start.safetensors`),
      callbacks: [saveAtStart(again)],
    });
    expect(bits(fromStart)).toEqual(bits(full));
    expect(weights(c)).toEqual(fullWeights);
    // A resumed run's start is the state it resumed from.
    const d = setup(98, other);
    expect(bits(await fit({ ...d, steps, resume: again }))).toEqual(bits(full));
    expect(weights(d)).toEqual(fullWeights);
    const mid = join(dir, `${loaderSeed}-start-mid.safetensors`);
    await fit({
      ...setup(97, other),
      steps: 6,
      resume: join(dir, `${loaderSeed}-every-4.safetensors`),
      callbacks: [saveAtStart(mid)],
    });
    const e = setup(96, other);
    expect(bits(await fit({ ...e, steps, resume: mid })).slice(5)).toEqual(bits(full).slice(5));
    expect(weights(e)).toEqual(fullWeights);
  });
});

describe('fit resumes bit for bit with a train source of unknown length', () => {
  // No `length`: epochs end when the iterator is exhausted, 'epoch' evaluations happen then, and
  // the run's last evaluation comes after the loop.
  const unsized = (o: FitOptions): FitOptions => {
    const loader = o.train as DataLoader;
    return {
      ...o,
      evalEvery: 'epoch',
      train: { [Symbol.iterator]: () => loader[Symbol.iterator]() },
    };
  };
  const steps = 14;
  let full: History;
  let fullWeights: number[][];

  it('writes them in a run that stops early', async () => {
    const a = unsized(setup(0, null));
    full = await fit({ ...a, steps });
    fullWeights = weights(a);
    let ticks = 0;
    const b = unsized(setup(0, null));
    const first = await fit({
      ...b,
      steps: 11,
      metrics: ['loss', { name: 'tick', fn: () => ++ticks }],
      callbacks: [
        checkpoint({ path: join(dir, 'unsized-every-{step}.safetensors'), every: 4 }),
        checkpoint({
          path: join(dir, 'unsized-best-{step}.safetensors'),
          saveBest: true,
          monitor: 'tick',
          mode: 'max',
        }),
      ],
    });
    expect(bits(first)).toEqual(bits(full).slice(0, 11));
    expect(first.eval.map((r) => r.step)).toEqual([2, 5, 8, 10]);
  });

  it.each([
    { file: 'every-4', step: 4 },
    { file: 'every-10', step: 10 },
    { file: 'best-5', step: 5 },
    { file: 'best-10', step: 10 },
  ])('$file', async ({ file, step }) => {
    const c = unsized(setup(99, null));
    const resumed = await fit({ ...c, steps, resume: join(dir, `unsized-${file}.safetensors`) });
    expect(bits(resumed).slice(step + 1)).toEqual(bits(full).slice(step + 1));
    expect(weights(c)).toEqual(fullWeights);
  });
});
