import { readFileSync } from 'node:fs';
import { crossEntropy } from '@torchlet/losses';
import { AdamW, clipGradNorm } from '@torchlet/optim';
import type { ParityArray, ParityTrace } from '@torchlet/tensor/testing';
import { setDefaultBackend, tensor, type Backend } from '@torchlet/tensor';
import { ArticleNet } from '../../../parity/article-net';

// PyTorch's recorded run of the article's network (parity/train.json): its initial
// weights, batches and learning rates, replayed on any backend. Read once, on first use.
let trace: ParityTrace | undefined;
const loadTrace = (): ParityTrace =>
  (trace ??= JSON.parse(
    readFileSync(new URL('../../../parity/train.json', import.meta.url), 'utf8'),
  ) as ParityTrace);

/**
 * Trains the article's network from PyTorch's recorded initial weights and batches on `backend`
 * (made the default while it runs, so the model code is unchanged) and returns the loss of every
 * step, read with `await loss.data()` as on any backend. `onStep` sees the step number after each
 * update.
 *
 * @example
 * ```ts
 * const losses = await trainArticleNetwork(await gpujs({ mode: 'webasm' }), 60);
 * ```
 */
export async function trainArticleNetwork(
  backend: Backend,
  steps: number,
  onStep?: (step: number) => Promise<void> | void,
): Promise<number[]> {
  const previous = setDefaultBackend(backend);
  try {
    const { config, ...run } = loadTrace();
    const floats = (a: ParityArray) => tensor(Float32Array.from(a.data)).reshape(a.shape);
    const model = ArticleNet.withWeights(run.init);
    const opt = new AdamW(model.namedParameters(), {
      lr: config.lr,
      betas: config.betas,
      eps: config.eps,
      weightDecay: config.weightDecay,
    });
    const trainX = floats(run.trainX);
    const trainY = tensor(Int32Array.from(run.trainY.data));
    const losses: number[] = [];
    for (let step = 0; step < steps; step++) {
      // Past the trace's 500 steps (long memory tests), its batches and lrs repeat.
      const at = step % run.batches.length;
      opt.paramGroups[0].lr = run.lrs[at];
      const idx = tensor(Int32Array.from(run.batches[at]));
      const loss = crossEntropy(
        model.forward(trainX.indexSelect(0, idx)),
        trainY.indexSelect(0, idx),
      );
      opt.zeroGrad();
      loss.backward();
      clipGradNorm(model.parameters(), config.clip);
      opt.step();
      losses.push((await loss.data())[0]);
      await onStep?.(step);
    }
    return losses;
  } finally {
    setDefaultBackend(previous);
  }
}
