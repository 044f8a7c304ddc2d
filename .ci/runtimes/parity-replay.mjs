import { AdamW, clipGradNorm, crossEntropy, noGrad, tensor } from 'torchlet';
import { parityTensor } from '@torchlet/tensor/testing';
import { ArticleNet } from './article-net.mjs';

const relative = (a, b) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);

/**
 * Replays PyTorch's trace of the article's training loop (parity/train.json: its initial
 * weights, batches and learning rates), as packages/torchlet/src/train-parity.test.ts does, and
 * checks every loss and gradient norm to 1e-4 relative, the eval rows, and the final weights to
 * 1e-4. Returns the losses and the worst errors; `ok` is false past a bound.
 *
 * @example
 * ```js
 * const { ok, losses } = parityReplay(JSON.parse(readFileSync('parity/train.json', 'utf8')));
 * ```
 */
export function parityReplay(trace) {
  const { config } = trace;
  const model = new ArticleNet();
  noGrad(() => {
    for (const [name, p] of model.namedParameters()) p.copy_(parityTensor(trace.init[name]));
  });
  const opt = new AdamW(model.namedParameters(), {
    lr: config.lr,
    betas: config.betas,
    eps: config.eps,
    weightDecay: config.weightDecay,
  });
  const floats = (a) => tensor(Float32Array.from(a.data)).reshape(a.shape);
  const ints = (a) => tensor(Int32Array.from(a.data)).reshape(a.shape);
  const trainX = floats(trace.trainX);
  const trainY = ints(trace.trainY);
  const valX = floats(trace.valX);
  const valY = ints(trace.valY);

  const losses = [];
  let worstLoss = 0;
  let worstNorm = 0;
  let evalsOk = true;
  let evalIndex = 0;
  for (let step = 0; step < config.steps; step++) {
    for (const group of opt.paramGroups) group.lr = trace.lrs[step];
    const idx = tensor(Int32Array.from(trace.batches[step]));
    model.train();
    const loss = crossEntropy(
      model.forward(trainX.indexSelect(0, idx)),
      trainY.indexSelect(0, idx),
    );
    opt.zeroGrad();
    loss.backward();
    const norm = clipGradNorm(model.parameters(), config.clip);
    opt.step();
    losses.push(loss.item());
    worstLoss = Math.max(worstLoss, relative(loss.item(), trace.losses[step]));
    worstNorm = Math.max(worstNorm, relative(norm, trace.gradNorms[step]));
    if (step % 100 === 0 || step === config.steps - 1) {
      model.eval();
      noGrad(() => {
        const out = model.forward(valX);
        const want = trace.evals[evalIndex++];
        evalsOk &&=
          want !== undefined &&
          want.step === step &&
          relative(crossEntropy(out, valY).item(), want.valLoss) < 1e-4 &&
          out.argmax(1).eq(valY).float().mean().item() === want.valAcc;
      });
    }
  }
  evalsOk &&= evalIndex === trace.evals.length;
  let worstWeight = 0;
  for (const [name, p] of model.namedParameters()) {
    const got = p.dataSync();
    const want = trace.final[name].data;
    for (let i = 0; i < want.length; i++) {
      worstWeight = Math.max(worstWeight, Math.abs(got[i] - want[i]));
    }
  }
  const ok = worstLoss < 1e-4 && worstNorm < 1e-4 && worstWeight < 1e-4 && evalsOk;
  return { ok, losses, worstLoss, worstNorm, worstWeight, evalsOk };
}
