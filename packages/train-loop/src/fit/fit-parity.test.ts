import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdamW } from '@torchlet/optim';
import { tensor } from '@torchlet/tensor';
import type { ParityArray, ParityTrace } from '@torchlet/tensor/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { ArticleNet } from '../../../../parity/article-net';
import { crossEntropy } from '../../test-support/cross-entropy';
import { fit } from './fit';

// The article's training run, recorded with PyTorch by parity/gen-parity.py.
const tracePath = new URL('../../../../parity/train.json', import.meta.url);
// Read directly: a missing trace fails the test instead of skipping it.
const trace = JSON.parse(readFileSync(tracePath, 'utf8')) as ParityTrace;
const dir = mkdtempSync(join(tmpdir(), 'torchlet-fit-parity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const floats = (a: ParityArray) => tensor(Float32Array.from(a.data)).reshape(a.shape);
const ints = (a: ParityArray) => tensor(Int32Array.from(a.data)).reshape(a.shape);
const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);

describe('fit replays the PyTorch training loop of the article', () => {
  it(`matches every loss, gradient norm, learning rate and evaluation of torch ${trace.torch}`, async () => {
    const t = trace;
    const model = ArticleNet.withWeights(t.init);
    const optimizer = new AdamW(model.namedParameters(), {
      lr: t.config.lr,
      betas: t.config.betas,
      eps: t.config.eps,
      weightDecay: t.config.weightDecay,
    });
    const trainX = floats(t.trainX);
    const trainY = ints(t.trainY);
    // The recorded batches, in order: one epoch of `steps` batches.
    const batches = t.batches.map((rows) => {
      const index = tensor(Int32Array.from(rows));
      return [trainX.indexSelect(0, index), trainY.indexSelect(0, index)];
    });
    let out = '';
    const plot = join(dir, 'parity.svg');
    const history = await fit({
      model,
      optimizer,
      loss: crossEntropy,
      train: batches,
      val: [[floats(t.valX), ints(t.valY)]],
      steps: t.config.steps,
      scheduler: (step) => t.lrs[step],
      clipGradNorm: t.config.clip,
      metrics: ['loss', 'accuracy'],
      output: { write: (s) => (out += s) },
      plot,
      plotTitle: 'The article, replayed by fit',
    });

    expect(history.train.map((r) => r.step)).toEqual(t.losses.map((_, i) => i));
    expect(history.train.map((r) => r.lr)).toEqual(t.lrs);
    const worstLoss = Math.max(...history.train.map((r, i) => relative(r.loss, t.losses[i])));
    const worstNorm = Math.max(
      ...history.train.map((r, i) => relative(r.gradNorm, t.gradNorms[i])),
    );
    expect(worstLoss).toBeLessThan(1e-4);
    expect(worstNorm).toBeLessThan(1e-4);
    expect(history.eval.map((r) => r.step)).toEqual(t.evals.map((e) => e.step));
    history.eval.forEach((row, i) => {
      expect(relative(row.loss, t.evals[i].valLoss)).toBeLessThan(1e-4);
      expect(Math.abs(row.accuracy - t.evals[i].valAcc)).toBeLessThanOrEqual(1 / 200 + 1e-9);
    });

    // Plain log lines (the output is not a TTY): steps 0, 100, …, 400 and the last, 499.
    const lines = out.split('\n').filter((l) => l.startsWith('step'));
    expect(lines.map((l) => l.slice(0, 9))).toEqual([
      'step    0',
      'step  100',
      'step  200',
      'step  300',
      'step  400',
      'step  499',
    ]);
    for (const line of lines) {
      expect(line).toMatch(
        /^step +\d+ \| train loss \d\.\d{4} \| val loss \d\.\d{4} \| val acc \d\.\d{3} \| lr \d\.\d{2}e[+-]\d{2}$/,
      );
    }
    expect(lines[1]).toContain(`val loss ${history.eval[1].loss.toFixed(4)}`);
    expect(out).toContain('● val loss');
    expect(out).toContain(`loss curve written to ${plot}`);
    expect(readFileSync(plot, 'utf8')).toContain('The article, replayed by fit');
  });
});
