import { readFileSync } from 'node:fs';
import type { ParityArray, ParityTrace } from '@torchlet/tensor/testing';
import { describe, expect, it } from 'vitest';
import { ArticleNet } from '../../../parity/article-net';
import { AdamW, clipGradNorm, crossEntropy, noGrad, tensor } from './index';

const trace = JSON.parse(
  readFileSync(new URL('../../../parity/train.json', import.meta.url), 'utf8'),
) as ParityTrace;

const floats = (a: ParityArray) => tensor(Float32Array.from(a.data)).reshape(a.shape);
const ints = (a: ParityArray) => tensor(Int32Array.from(a.data)).reshape(a.shape);
const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);

describe(`the article's training loop replays PyTorch ${trace.torch} step by step (parity/train.json)`, () => {
  it('matches every loss and gradient norm to 1e-4, the eval rows, and the final weights', () => {
    const { config } = trace;
    const model = ArticleNet.withWeights(trace.init);
    const opt = new AdamW(model.namedParameters(), {
      lr: config.lr,
      betas: config.betas,
      eps: config.eps,
      weightDecay: config.weightDecay,
    });
    const trainX = floats(trace.trainX);
    const trainY = ints(trace.trainY);
    const valX = floats(trace.valX);
    const valY = ints(trace.valY);

    let worstLoss = 0;
    let worstNorm = 0;
    const evals: { step: number; valLoss: number; valAcc: number }[] = [];
    for (let step = 0; step < config.steps; step++) {
      opt.paramGroups[0].lr = trace.lrs[step];
      const idx = tensor(Int32Array.from(trace.batches[step]));
      model.train();
      const logits = model.forward(trainX.indexSelect(0, idx));
      const loss = crossEntropy(logits, trainY.indexSelect(0, idx));
      opt.zeroGrad();
      loss.backward();
      const norm = clipGradNorm(model.parameters(), config.clip);
      opt.step();
      worstLoss = Math.max(worstLoss, relative(loss.item(), trace.losses[step]));
      worstNorm = Math.max(worstNorm, relative(norm, trace.gradNorms[step]));
      if (step % 100 === 0 || step === config.steps - 1) {
        model.eval();
        noGrad(() => {
          const out = model.forward(valX);
          evals.push({
            step,
            valLoss: crossEntropy(out, valY).item(),
            valAcc: out.argmax(1).eq(valY).float().mean().item(),
          });
        });
      }
    }
    console.log(
      `parity replay: max relative loss error ${worstLoss.toExponential(2)}, grad norm ${worstNorm.toExponential(2)}`,
    );
    expect(worstLoss).toBeLessThan(1e-4);
    expect(worstNorm).toBeLessThan(1e-4);

    expect(evals.map((e) => e.step)).toEqual(trace.evals.map((e) => e.step));
    evals.forEach((e, i) => {
      expect(relative(e.valLoss, trace.evals[i].valLoss)).toBeLessThan(1e-4);
      expect(e.valAcc).toBe(trace.evals[i].valAcc);
    });

    let worstWeight = 0;
    for (const [name, p] of model.namedParameters()) {
      const got = p.dataSync();
      const want = trace.final[name].data;
      for (let i = 0; i < want.length; i++)
        worstWeight = Math.max(worstWeight, Math.abs(got[i] - want[i]));
    }
    console.log(`parity replay: max final weight error ${worstWeight.toExponential(2)}`);
    expect(worstWeight).toBeLessThan(1e-4);
    // It learned: the last loss is well below the first.
    expect(trace.losses[config.steps - 1]).toBeLessThan(trace.losses[0]);
  });
});
