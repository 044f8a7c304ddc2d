/**
 * The main demo: a two-layer network learns a noisy linear "teacher" with nothing but tensors,
 * autograd and a hand-written SGD step. (The layers, optimizers and `fit` packages will replace
 * the hand-written parts.)
 */
import { manualSeed, noGrad, randint, randn, type Tensor } from 'torchlet';

manualSeed(42);
const inDim = 16;
const hidden = 64;
const classes = 4;

// Data with real structure: labels from a random linear teacher plus noise.
const teacher = randn([inDim, classes]);
const trainX = randn([1000, inDim]);
const trainY = trainX
  .matmul(teacher)
  .add(randn([1000, classes]).mul(0.5))
  .argmax(1);

const param = (shape: number[], scale: number) => randn(shape).mul(scale).requiresGrad_(true);
let w1 = param([inDim, hidden], 1 / Math.sqrt(inDim));
let b1 = param([hidden], 0);
let w2 = param([hidden, classes], 1 / Math.sqrt(hidden));
let b2 = param([classes], 0);

/** Mean cross entropy from logits and int32 class targets. */
function crossEntropy(logits: Tensor, target: Tensor): Tensor {
  const logProbs = logits.sub(logits.logsumexp(1, true));
  return logProbs.gather(1, target.unsqueeze(1)).mean().neg();
}

const steps = 300;
const lr = 0.1;
const started = performance.now();
for (let step = 0; step <= steps; step++) {
  const idx = randint(0, 1000, [32]);
  const xb = trainX.indexSelect(0, idx);
  const yb = trainY.indexSelect(0, idx);
  const logits = xb.matmul(w1).add(b1).relu().matmul(w2).add(b2);
  const loss = crossEntropy(logits, yb);
  loss.backward();
  // SGD: new leaves from the updated values.
  [w1, b1, w2, b2] = noGrad(() =>
    [w1, b1, w2, b2].map((p) => p.sub(p.grad!.mul(lr)).requiresGrad_(true)),
  );
  if (step % 50 === 0) {
    const acc = noGrad(() =>
      trainX
        .matmul(w1)
        .add(b1)
        .relu()
        .matmul(w2)
        .add(b2)
        .argmax(1)
        .eq(trainY)
        .float()
        .mean()
        .item(),
    );
    console.log(
      `step ${String(step).padStart(4)} | train loss ${loss.item().toFixed(4)} | train acc ${acc.toFixed(3)}`,
    );
  }
}
console.log(`trained ${steps} steps in ${((performance.now() - started) / 1000).toFixed(2)} s`);
