import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdamW } from '@torchlet/optim';
import { LRScheduler, warmupCosine } from '@torchlet/schedulers';
import { Generator, manualSeed, randint, randn, tensor, type Tensor } from '@torchlet/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { checkpoint } from '../callbacks/checkpoint';
import { earlyStopping } from '../callbacks/early-stopping';
import { loadCheckpoint } from '../checkpoint/load-checkpoint';
import { DataLoader } from '../data/data-loader';
import { TensorDataset } from '../data/tensor-dataset';
import { crossEntropy } from '../../test-support/cross-entropy';
import { TinyNet } from '../../test-support/tiny-net';
import { fit, type FitOptions } from './fit';

const dir = mkdtempSync(join(tmpdir(), 'torchlet-fit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

manualSeed(1234);
const x = randn([40, 4]);
const y = randint(0, 3, [40]);
const xVal = randn([12, 4]);
const yVal = randint(0, 3, [12]);

const quiet = { write: () => undefined };
const params = (m: TinyNet) => Object.values(m.stateDict()).map((t) => Array.from(t.dataSync()));

/** A run of TinyNet with dropout, a shuffling loader, AdamW, clipping and a stateful scheduler. */
function setup(seed: number, loaderSeed: number | null) {
  manualSeed(seed);
  const model = new TinyNet();
  const optimizer = new AdamW(model.namedParameters(), { lr: 0.02 });
  const scheduler = new LRScheduler(
    optimizer,
    warmupCosine({ peak: 0.02, warmupSteps: 4, totalSteps: 20 }),
  );
  // 40 rows in batches of 16: 16, 16, 8, so epochs end at steps 2, 5, 8, …
  const train = new DataLoader(new TensorDataset(x, y), {
    batchSize: 16,
    shuffle: true,
    generator: loaderSeed === null ? undefined : new Generator(loaderSeed),
  });
  // Unseeded and unshuffled: each evaluation still takes its base-seed draw from the global generator.
  const val = new DataLoader(new TensorDataset(xVal, yVal), { batchSize: 5 });
  const options: FitOptions = {
    model,
    optimizer,
    scheduler,
    loss: crossEntropy,
    train,
    val,
    evalEvery: 3,
    clipGradNorm: 0.5,
    metrics: ['loss', 'accuracy'],
    output: quiet,
  };
  return { model, options };
}

describe('fit', () => {
  describe.each([
    { loaderSeed: 7, stopAfter: 10, what: 'a seeded loader, mid-epoch' },
    { loaderSeed: null, stopAfter: 10, what: 'the global generator, mid-epoch' },
    { loaderSeed: 7, stopAfter: 8, what: 'a seeded loader, at the end of an epoch' },
    { loaderSeed: null, stopAfter: 8, what: 'the global generator, at the end of an epoch' },
  ])('resuming with $what', ({ loaderSeed, stopAfter }) => {
    it('continues with bit-identical losses, gradient norms, evaluations and weights', async () => {
      const steps = 20;
      const a = setup(0, loaderSeed);
      const full = await fit({ ...a.options, steps });

      const path = join(dir, `resume-${loaderSeed}-${stopAfter}.safetensors`);
      const b = setup(0, loaderSeed);
      const first = await fit({
        ...b.options,
        steps: stopAfter + 1,
        callbacks: [checkpoint({ path, every: 1000 })], // saved once, at the end
      });
      expect(first.train.map((r) => r.loss)).toEqual(
        full.train.slice(0, stopAfter + 1).map((r) => r.loss),
      );

      // A fresh process, in effect: other weights, other seeds, a loader with another generator.
      const c = setup(99, loaderSeed === null ? null : 12345);
      expect(params(c.model)).not.toEqual(params(a.model));
      const resumed = await fit({ ...c.options, steps, resume: path });

      const bits = (h: typeof full) =>
        h.train.map((r) => [r.step, r.epoch, r.loss, r.gradNorm, r.lr]);
      expect(bits(resumed)).toEqual(bits(full));
      // The shorter run evaluated at its last step too; that row stays in the history.
      const extra = stopAfter % 3 !== 0 ? [stopAfter] : [];
      expect(resumed.eval.filter((r) => !extra.includes(r.step))).toEqual(full.eval);
      expect(resumed.eval.map((r) => r.step).filter((s) => extra.includes(s))).toEqual(extra);
      expect(params(c.model)).toEqual(params(a.model));
    });
  });

  it('stops on a NaN loss, names the step, and leaves the last good checkpoint intact', async () => {
    const { model, options } = setup(3, 5);
    const path = join(dir, 'nan.safetensors');
    const snapshots = new Map<number, number[][]>();
    let calls = 0;
    const poisoned = (out: Tensor, target: Tensor) => {
      const loss = crossEntropy(out, target);
      return calls++ === 7 ? loss.mul(NaN) : loss;
    };
    await expect(
      fit({
        ...options,
        loss: poisoned,
        val: undefined,
        steps: 20,
        callbacks: [
          { onStepEnd: (ctx) => void snapshots.set(ctx.step, params(model)) },
          checkpoint({ path, every: 5 }),
        ],
      }),
    ).rejects.toThrow(
      `fit: loss became NaN at step 7; the last good checkpoint (${path}, step 5) is intact`,
    );
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    // The weights were not touched by the bad step, and the checkpoint holds step 5's.
    expect(params(model)).toEqual(snapshots.get(6));
    const fresh = setup(4, 5);
    const loaded = await loadCheckpoint(path, { model: fresh.model });
    expect(loaded.step).toBe(5);
    expect(params(fresh.model)).toEqual(snapshots.get(5));
  });

  it('says so when no checkpoint was written before the loss blew up', async () => {
    const { options } = setup(3, 5);
    await expect(
      fit({ ...options, loss: (o, t) => crossEntropy(o, t).mul(Infinity), steps: 3 }),
    ).rejects.toThrow(
      'fit: loss became Infinity at step 0; no checkpoint had been written in this run',
    );
  });

  it('stops early when the monitored metric stops improving', async () => {
    const { options } = setup(5, 5);
    const sequence = [1, 0.9, 0.95, 0.91, 0.5];
    let i = 0;
    const history = await fit({
      ...options,
      steps: 50,
      val: [[xVal, yVal]],
      evalEvery: 1,
      metrics: ['loss', { name: 'score', fn: () => sequence[i++] }],
      callbacks: [earlyStopping({ monitor: 'score', patience: 2 })],
    });
    expect(history.train).toHaveLength(4);
    expect(history.eval.map((r) => r.score)).toEqual([1, 0.9, 0.95, 0.91]);
    expect(history.stopReason).toBe(
      'early stopping: val score did not improve for 2 evaluations (best 0.9000 at step 1)',
    );
  });

  it('saves the best model when the monitored metric improves', async () => {
    const { options } = setup(6, 5);
    const sequence = [0.5, 0.6, 0.4, 0.45, 0.3, 0.35];
    let i = 0;
    await fit({
      ...options,
      steps: 6,
      val: [[xVal, yVal]],
      evalEvery: 1,
      metrics: [{ name: 'score', fn: () => sequence[i++] }],
      callbacks: [
        checkpoint({
          path: join(dir, 'best', 'step-{step}.safetensors'),
          saveBest: true,
          monitor: 'score',
        }),
      ],
    });
    expect(readdirSync(join(dir, 'best')).sort()).toEqual([
      'step-0.safetensors',
      'step-2.safetensors',
      'step-4.safetensors',
    ]);
  });

  it('counts epochs, evaluates at the end of each epoch and switches train/eval mode', async () => {
    const { model, options } = setup(7, 5);
    const modes: boolean[] = [];
    const history = await fit({
      ...options,
      epochs: 2,
      evalEvery: 'epoch',
      logEvery: 1000,
      metrics: ['loss', { name: 'mode', fn: () => (modes.push(model.training), 0) }],
      callbacks: [{ onStepEnd: () => void modes.push(model.training) }],
    });
    expect(history.train.map((r) => [r.step, r.epoch])).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [3, 1],
      [4, 1],
      [5, 1],
    ]);
    expect(history.eval.map((r) => r.step)).toEqual([2, 5]);
    // Training mode during steps, eval mode during the evaluations (3 val batches each).
    expect(modes).toEqual([
      true,
      true,
      false,
      false,
      false,
      true,
      true,
      true,
      false,
      false,
      false,
      true,
    ]);
  });

  it('draws a progress bar on a TTY and plain lines otherwise, then the loss chart', async () => {
    let tty = '';
    const a = setup(8, 5);
    await fit({
      ...a.options,
      steps: 6,
      logEvery: 2,
      output: { write: (s) => (tty += s), isTTY: true, columns: 100 },
    });
    expect(tty).toContain('\r');
    expect(tty).toMatch(/100% \| step 6\/6 \| [\d.]+ steps\/s \| ETA 0:00 \| loss \d\.\d{4}/);
    expect(tty).toContain('\r\x1b[Kstep    0 | train loss');
    expect(tty).toContain('⠤ train loss');

    let plain = '';
    const b = setup(8, 5);
    await fit({ ...b.options, steps: 6, logEvery: 2, output: { write: (s) => (plain += s) } });
    expect(plain).not.toContain('\r');
    const lines = plain.split('\n').filter((l) => l.startsWith('step '));
    expect(lines.map((l) => l.slice(0, 9))).toEqual([
      'step    0',
      'step    2',
      'step    3',
      'step    4',
      'step    5',
    ]);
    expect(lines[0]).toMatch(
      /^step    0 \| train loss \d\.\d{4} \| val loss \d\.\d{4} \| val acc \d\.\d{3} \| lr 0\.00e\+00$/,
    );
    expect(lines[1]).toMatch(/^step    2 \| train loss \d\.\d{4} \| lr 1\.00e-02$/);
    expect(lines[4]).toMatch(/^step    5 \| train loss .* \| val acc .* \| lr 1\.98e-02$/);

    let none = '';
    const c = setup(8, 5);
    await fit({ ...c.options, steps: 2, progress: false, output: { write: (s) => (none += s) } });
    expect(none).toBe('');
  });

  it('writes the SVG plot when asked', async () => {
    const { options } = setup(9, 5);
    const plot = join(dir, 'plots', 'loss.svg');
    await fit({ ...options, steps: 4, plot, progress: false });
    expect(existsSync(plot)).toBe(true);
  });

  it('applies a schedule function before each step and steps a scheduler object after it', async () => {
    const calls: string[] = [];
    const groups = [{ lr: 1 }, { lr: 1 }];
    const model = new TinyNet();
    const optimizer = {
      paramGroups: groups,
      zeroGrad: () => calls.push('zeroGrad'),
      step: () => calls.push(`step lr=${groups[0].lr},${groups[1].lr}`),
      stateDict: () => ({}),
      loadStateDict: () => undefined,
    };
    const train = [[x, y]];
    const history = await fit({
      model,
      optimizer,
      loss: crossEntropy,
      train,
      epochs: 3,
      scheduler: (step) => 0.1 * (step + 1),
      output: quiet,
      chart: false,
    });
    expect(calls).toEqual([
      'zeroGrad',
      'step lr=0.1,0.1',
      'zeroGrad',
      'step lr=0.2,0.2',
      'zeroGrad',
      'step lr=0.30000000000000004,0.30000000000000004',
    ]);
    expect(history.train.map((r) => r.lr)).toEqual([0.1, 0.2, 0.30000000000000004]);

    calls.length = 0;
    await fit({
      model,
      optimizer,
      loss: crossEntropy,
      train,
      steps: 2,
      scheduler: { step: () => calls.push('scheduler.step') },
      output: quiet,
    });
    expect(calls).toEqual([
      'zeroGrad',
      expect.stringMatching(/^step/),
      'scheduler.step',
      'zeroGrad',
      expect.stringMatching(/^step/),
      'scheduler.step',
    ]);
  });

  it('checks its options', async () => {
    const { options } = setup(10, 5);
    await expect(fit({ ...options })).rejects.toThrow(
      'fit: pass epochs or steps (or both) to say how long to train',
    );
    await expect(fit({ ...options, steps: 2, loss: undefined as never })).rejects.toThrow(
      /options\.loss must be/,
    );
    await expect(fit({ ...options, steps: 2, evalEvery: 0 })).rejects.toThrow(
      /evalEvery must be a positive integer/,
    );
    await expect(fit({ ...options, steps: 2, clipGradNorm: -1 })).rejects.toThrow(
      /clipGradNorm must be a positive/,
    );
    await expect(fit({ ...options, steps: 2, train: [] })).rejects.toThrow(
      /yielded no batches in epoch 0/,
    );
    await expect(fit({ ...options, steps: 2, train: [[x]] })).rejects.toThrow(
      /each batch must be an array/,
    );
    expect(() => checkpoint({ path: 'a', every: 5, saveBest: true })).toThrow(/either every/);
    expect(() => earlyStopping({ patience: 0 })).toThrow(/patience must be a positive integer/);
    await expect(
      fit({ ...options, steps: 2, callbacks: [earlyStopping({ monitor: 'f1' })] }),
    ).rejects.toThrow('earlyStopping: the eval rows have no "f1" (they have loss, accuracy)');
    expect(tensor(1).item()).toBe(1);
  });
});
