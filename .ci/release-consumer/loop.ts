// The tutorial's training loop (README "What it looks like", examples/article/training-loop.ts)
// as a TypeScript user writes it after `npm install`. tsc checks it (with the packages' .d.ts:
// skipLibCheck is off) under tsconfig.node16.json and tsconfig.bundler.json, and both builds run.
// loop.mjs and loop.cjs are the same program; .ci/release-check.sh diffs their output.
import { manualSeed, randint, randn, type Tensor } from '@torchlet/tensor';
import { noGrad } from '@torchlet/autograd';
import { gelu } from '@torchlet/activations';
import { LayerNorm, Linear, Module } from '@torchlet/layers';
import { crossEntropy } from '@torchlet/losses';
import { AdamW, clipGradNorm } from '@torchlet/optim';
import { warmupCosine } from '@torchlet/schedulers';

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

// Labels from a random linear teacher plus noise, as in the tutorial.
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
const steps = 20;
const lrAt = warmupCosine({ peak: 3e-4, warmupSteps: 5, totalSteps: steps });

// Numbers print with String(): the shortest text that reads back as the same double, so equal
// lines mean bit-identical values.
for (let step = 0; step < steps; step++) {
  const lr = lrAt(step);
  for (const group of optimizer.paramGroups) group.lr = lr;
  const idx = randint(0, 1000, [32]);
  model.train();
  const loss = crossEntropy(model.forward(trainX.indexSelect(0, idx)), trainY.indexSelect(0, idx));
  optimizer.zeroGrad();
  loss.backward();
  const gradNorm = clipGradNorm(model.parameters(), 1.0);
  optimizer.step();
  console.log(`step ${step} lr ${lr} loss ${loss.item()} grad norm ${gradNorm}`);
}

model.eval();
const [valLoss, valAcc] = noGrad(() => {
  const logits = model.forward(valX);
  return [crossEntropy(logits, valY).item(), logits.argmax(1).eq(valY).float().mean().item()];
});
console.log(`val loss ${valLoss} val acc ${valAcc}`);
