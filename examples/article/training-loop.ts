// "The complete training loop": Net (16→64→64→4 with LayerNorm and GELU), AdamW, gradient
// clipping, warmup + cosine schedule, and an eval every 100 steps — the loop that
// parity/train.json traces in PyTorch.
import {
  AdamW,
  clipGradNorm,
  crossEntropy,
  gelu,
  LayerNorm,
  Linear,
  manualSeed,
  Module,
  noGrad,
  randint,
  randn,
  warmupCosine,
  type Tensor,
} from 'torchlet';

manualSeed(0);

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

// Data with real structure: labels from a random linear teacher plus noise.
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

const model = new Net();
const optimizer = new AdamW(model.namedParameters(), { lr: 3e-4, weightDecay: 0.01 });
const maxSteps = 500;
const lrAt = warmupCosine({ peak: 3e-4, warmupSteps: 50, totalSteps: maxSteps });

/** `2.91e-04`, as Python's `f'{lr:.2e}'` prints it (JavaScript would print `2.91e-4`). */
const pythonExponent = (v: number) => v.toExponential(2).replace(/e([+-])(\d)$/, 'e$10$2');

for (let step = 0; step < maxSteps; step++) {
  optimizer.paramGroups[0].lr = lrAt(step);
  const idx = randint(0, 1000, [32]);
  model.train();
  const loss = crossEntropy(model.forward(trainX.indexSelect(0, idx)), trainY.indexSelect(0, idx));
  optimizer.zeroGrad();
  loss.backward();
  clipGradNorm(model.parameters(), 1.0);
  optimizer.step();

  if (step % 100 === 0 || step === maxSteps - 1) {
    model.eval();
    const [valLoss, valAcc] = noGrad(() => {
      const logits = model.forward(valX);
      return [crossEntropy(logits, valY).item(), logits.argmax(1).eq(valY).float().mean().item()];
    });
    console.log(
      `step ${String(step).padStart(4)} | train loss ${loss.item().toFixed(4)} | val loss ${valLoss.toFixed(4)} | ` +
        `val acc ${valAcc.toFixed(3)} | lr ${pythonExponent(lrAt(step))}`,
    );
  }
}
