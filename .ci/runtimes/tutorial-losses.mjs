import {
  AdamW,
  clipGradNorm,
  crossEntropy,
  manualSeed,
  noGrad,
  randint,
  randn,
  warmupCosine,
} from 'torchlet';
import { ArticleNet } from './article-net.mjs';

/**
 * The tutorial's complete training loop (examples/article/training-loop.ts: the Net 16→64→64→4
 * with LayerNorm and GELU, AdamW, gradient clipping, warmup + cosine, an eval every 100 steps),
 * written as a user writes it in JavaScript against the published packages. Returns every
 * training loss and every eval's loss and accuracy, as float32 values read with `.item()`.
 *
 * @example
 * ```js
 * const { losses, evals } = tutorialLosses(); // losses.length === 500
 * ```
 */
export function tutorialLosses() {
  manualSeed(0);

  const teacher = randn([16, 4]);
  const trainX = randn([1000, 16]);
  const trainY = trainX
    .matmul(teacher)
    .add(randn([1000, 4]).mul(0.5))
    .argmax(1);
  const valX = randn([200, 16]);
  const valY = valX
    .matmul(teacher)
    .add(randn([200, 4]).mul(0.5))
    .argmax(1);

  const model = new ArticleNet();
  const optimizer = new AdamW(model.namedParameters(), { lr: 3e-4, weightDecay: 0.01 });
  const maxSteps = 500;
  const lrAt = warmupCosine({ peak: 3e-4, warmupSteps: 50, totalSteps: maxSteps });

  const losses = [];
  const evals = [];
  for (let step = 0; step < maxSteps; step++) {
    for (const group of optimizer.paramGroups) group.lr = lrAt(step);
    const idx = randint(0, 1000, [32]);
    model.train();
    const loss = crossEntropy(
      model.forward(trainX.indexSelect(0, idx)),
      trainY.indexSelect(0, idx),
    );
    optimizer.zeroGrad();
    loss.backward();
    clipGradNorm(model.parameters(), 1.0);
    optimizer.step();
    losses.push(loss.item());
    if (step % 100 === 0 || step === maxSteps - 1) {
      model.eval();
      noGrad(() => {
        const logits = model.forward(valX);
        evals.push({
          step,
          valLoss: crossEntropy(logits, valY).item(),
          valAcc: logits.argmax(1).eq(valY).float().mean().item(),
        });
      });
    }
  }
  return { losses, evals };
}
