/**
 * `pnpm demo`: the article's complete training loop with torchlet's `fit` — Net (16→64→64→4 with
 * LayerNorm and GELU), AdamW, gradient clipping, warmup + cosine, evaluation every 100 steps —
 * with a progress bar (or log lines when not on a terminal), a loss chart in the terminal, a
 * loss-curve SVG, and a safetensors checkpoint that PyTorch can load.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  AdamW,
  checkpoint,
  crossEntropy,
  DataLoader,
  fit,
  gelu,
  LayerNorm,
  Linear,
  manualSeed,
  Module,
  randn,
  TensorDataset,
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

const outDir = fileURLToPath(new URL('../out/', import.meta.url));
mkdirSync(outDir, { recursive: true });

const model = new Net();
console.log(`${String(model)}\n${model.numParameters().toLocaleString('en-US')} parameters\n`);
const started = performance.now();
const history = await fit({
  model,
  optimizer: new AdamW(model.namedParameters(), { lr: 3e-4, weightDecay: 0.01 }),
  loss: crossEntropy,
  train: new DataLoader(new TensorDataset(trainX, trainY), { batchSize: 32, shuffle: true }),
  val: [[valX, valY]],
  steps: 500,
  scheduler: warmupCosine({ peak: 3e-4, warmupSteps: 50, totalSteps: 500 }),
  clipGradNorm: 1.0,
  metrics: ['loss', 'accuracy'],
  evalEvery: 100,
  plot: `${outDir}loss-curve.svg`,
  plotTitle: 'torchlet demo: Net on teacher data',
  callbacks: [checkpoint({ path: `${outDir}net.safetensors`, every: 500 })],
});
const seconds = (performance.now() - started) / 1000;
const last = history.eval[history.eval.length - 1];
console.log(
  `\ntrained ${history.train.length} steps in ${seconds.toFixed(1)} s ` +
    `(${(history.train.length / seconds).toFixed(0)} steps/s); final val acc ${last.accuracy?.toFixed(3)}`,
);
console.log(`loss curve: ${outDir}loss-curve.svg`);
console.log(`weights (safetensors, PyTorch state_dict names): ${outDir}net.safetensors`);
