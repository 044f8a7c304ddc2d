import { readFileSync } from 'node:fs';
import { gelu } from '@torchlet/activations';
import { noGrad } from '@torchlet/autograd';
import { LayerNorm, Linear, Module } from '@torchlet/layers';
import { crossEntropy } from '@torchlet/losses';
import { AdamW, clipGradNorm } from '@torchlet/optim';
import type { ParityArray, ParityTrace } from '@torchlet/tensor/testing';
import { setDefaultBackend, tensor, type Backend, type Tensor } from '@torchlet/tensor';

// PyTorch's recorded run of the article's network (parity/train.json): its initial
// weights, batches and learning rates, replayed on any backend. Read once, on first use.
let trace: ParityTrace | undefined;
const loadTrace = (): ParityTrace =>
  (trace ??= JSON.parse(
    readFileSync(new URL('../../../../parity/train.json', import.meta.url), 'utf8'),
  ) as ParityTrace);

/** The article's network, fields in PyTorch's registration order (as in train-parity.test.ts). */
class Net extends Module {
  fc1 = new Linear(16, 64);
  fc2 = new Linear(64, 64);
  fc3 = new Linear(64, 4);
  ln1 = new LayerNorm(64);
  ln2 = new LayerNorm(64);
  forward(x: Tensor): Tensor {
    x = gelu(this.ln1.forward(this.fc1.forward(x)));
    x = gelu(this.ln2.forward(this.fc2.forward(x)));
    return this.fc3.forward(x);
  }
}

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
    const model = new Net();
    noGrad(() => {
      for (const [name, p] of model.namedParameters()) p.copy_(floats(run.init[name]));
    });
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
