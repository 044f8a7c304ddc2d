/**
 * `pnpm --filter @torchlet/examples gpt`: a character-level GPT (nanoGPT's model) trained on the
 * full text of Moby Dick, then a sample of what it writes. Settings are in train-config.ts;
 * override any of them with `--name=value` (`--steps=2000 --nLayer=6`).
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  checkpoint,
  crossEntropy,
  fit,
  Generator,
  manualSeed,
  warmupCosine,
  type Tensor,
} from 'torchlet';
import { applyOverrides } from './apply-overrides';
import { CharVocab } from './char-vocab';
import { configureOptimizer } from './configure-optimizer';
import { generate } from './generate';
import { getBatch } from './get-batch';
import { GPT } from './gpt';
import { loadMobyDick } from './load-moby-dick';
import { randomBatches } from './random-batches';
import { defaultTrainConfig } from './train-config';
import { unigramEntropy } from './unigram-entropy';

const config = applyOverrides(defaultTrainConfig, process.argv.slice(2));
const { blockSize, batchSize, steps, evalEvery } = config;
manualSeed(config.seed);

// The data: every character of the book is a token; the first 90% train, the last 10% validate.
const text = loadMobyDick();
const vocab = CharVocab.fromText(text);
const data = vocab.encode(text);
const nTrain = Math.floor(config.trainFraction * data.shape[0]);
const trainData = data.narrow(0, 0, nTrain);
const valData = data.narrow(0, nTrain, data.shape[0] - nTrain);
const baseline = unigramEntropy(trainData, vocab.size);
console.log(
  `Moby Dick: ${data.shape[0].toLocaleString('en-US')} characters, a vocabulary of ${vocab.size}; ` +
    `${nTrain.toLocaleString('en-US')} to train on, ${valData.shape[0].toLocaleString('en-US')} to validate`,
);
console.log(`unigram baseline (entropy of the character frequencies): ${baseline.toFixed(4)} nats`);

const model = new GPT({
  vocabSize: vocab.size,
  blockSize,
  nLayer: config.nLayer,
  nHead: config.nHead,
  nEmbd: config.nEmbd,
  dropout: config.dropout,
  bias: config.bias,
});
console.log(`${model.numParameters().toLocaleString('en-US')} parameters\n`);

const outDir = fileURLToPath(new URL(`../${config.outDir}/`, import.meta.url));
mkdirSync(outDir, { recursive: true });
// A fixed set of validation windows, so every evaluation measures the same thing.
const valGenerator = new Generator(config.seed + 1);
const val = Array.from({ length: config.evalBatches }, () =>
  getBatch(valData, blockSize, batchSize, valGenerator),
);
let stepsRun = 0; // in this process: a resumed run's history also holds the earlier steps
const started = performance.now();
const cpuStarted = process.cpuUsage(); // wall time depends on what else runs; CPU time less so
const history = await fit({
  model,
  optimizer: configureOptimizer(model, {
    lr: config.lr,
    weightDecay: config.weightDecay,
    betas: [config.beta1, config.beta2],
  }),
  // nanoGPT's loss: every position of every window predicts its next character.
  loss: (logits: Tensor, targets: Tensor) =>
    crossEntropy(logits.view(-1, vocab.size), targets.view(-1)),
  train: randomBatches(trainData, { blockSize, batchSize, batchesPerEpoch: evalEvery }),
  val,
  steps,
  scheduler: warmupCosine({
    peak: config.lr,
    warmupSteps: config.warmupSteps,
    totalSteps: steps,
    minLr: config.minLr,
  }),
  clipGradNorm: config.gradClip,
  evalEvery,
  logEvery: evalEvery,
  plot: `${outDir}gpt-loss.svg`,
  plotTitle: 'character GPT on Moby Dick',
  callbacks: [
    checkpoint({ path: `${outDir}gpt.safetensors`, every: evalEvery }),
    { onStepEnd: () => void stepsRun++ },
  ],
  resume:
    config.resume === ''
      ? undefined
      : fileURLToPath(new URL(`../${config.resume}`, import.meta.url)),
});
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStarted);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const valLoss = history.eval[history.eval.length - 1].loss;
const tokens = stepsRun * batchSize * blockSize;
console.log(
  `\ntrained ${stepsRun} steps in ${seconds.toFixed(1)} s ` +
    `(${Math.round(tokens / seconds).toLocaleString('en-US')} tokens/s, ${cpuSeconds.toFixed(1)} s of CPU time); ` +
    `val loss ${valLoss.toFixed(4)} (unigram baseline ${baseline.toFixed(4)})`,
);
console.log(`loss curve: ${outDir}gpt-loss.svg`);
console.log(`checkpoint (safetensors, PyTorch state_dict names): ${outDir}gpt.safetensors`);

const prompt = vocab.encode(config.prompt).view(1, -1);
const sample = generate(model, prompt, config.sampleTokens, {
  temperature: config.temperature,
  topK: config.topK,
});
console.log(
  `\nsample (temperature ${config.temperature}, top-k ${config.topK}):\n\n${vocab.decode(sample.select(0, 0))}`,
);
