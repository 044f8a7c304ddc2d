/**
 * The GPT page: the character-level GPT of `examples/gpt`, in a smaller config, trains on
 * chapters 1–10 of *Moby Dick* on the gpu.js backend in WebGL2. The loss is drawn live, and every
 * `sampleEvery` steps the page measures the validation loss and draws a sample from the model,
 * so the text can be watched turning from noise into English-shaped words. The query string
 * changes the run (see `gpt-run-options.ts`), e.g. `gpt.html?steps=100&nEmbd=32`.
 * A plain loop rather than `fit`, whose checkpoint and plot options are for Node.
 */
import { gpujs } from '@torchlet/backend-gpujs';
import {
  clipGradNorm,
  crossEntropy,
  lossCurveSvg,
  manualSeed,
  noGrad,
  setDefaultBackend,
  warmupCosine,
  type EvalRow,
  type Tensor,
  type TrainRow,
} from 'torchlet';
import { CharVocab } from '../gpt/char-vocab';
import { configureOptimizer } from '../gpt/configure-optimizer';
import { generate } from '../gpt/generate';
import { getBatch } from '../gpt/get-batch';
import { GPT } from '../gpt/gpt';
import type { GPTConfig } from '../gpt/gpt-config';
import { gptRunOptions } from './gpt-run-options';
import type { GptSample, GptSummary } from './gpt-summary';
import { mobyDickChapters } from './moby-dick-chapters';
import { runPage, show } from './page-status';

async function train(): Promise<GptSummary> {
  const begun = performance.now();
  const run = gptRunOptions(location.search);
  show('status', 'Compiling kernels…');
  // Warnings name a fallback: shown on the page, since the summary's `webgl` says the rest.
  const backend = await gpujs({ mode: 'webgl2', onWarning: (m) => show('status', m) });
  setDefaultBackend(backend);
  const kernel = (backend.gpu as unknown as { Kernel: { name: string } }).Kernel.name;
  show('backend', `${backend.name} (${kernel})`);

  manualSeed(1337);
  const text = mobyDickChapters();
  const vocab = CharVocab.fromText(text);
  const data = vocab.encode(text);
  const split = Math.floor(data.shape[0] * 0.9);
  const trainData = data.narrow(0, 0, split);
  const valData = data.narrow(0, split, data.shape[0] - split);
  const config: GPTConfig = {
    vocabSize: vocab.size,
    blockSize: run.blockSize,
    nLayer: run.nLayer,
    nHead: run.nHead,
    nEmbd: run.nEmbd,
    dropout: 0,
    bias: true,
  };
  const model = new GPT(config);
  const parameters = model.parameters().reduce((n, p) => n + p.numel(), 0);
  show(
    'config',
    `${config.nLayer} × (${config.nHead} heads, ${config.nEmbd} wide), context ` +
      `${config.blockSize}, ${parameters} parameters, ${vocab.size} characters, batch ${run.batchSize}`,
  );
  const optimizer = configureOptimizer(model, { lr: run.lr, weightDecay: 0.1, betas: [0.9, 0.99] });
  const schedule = warmupCosine({
    peak: run.lr,
    warmupSteps: Math.ceil(run.steps / 10),
    totalSteps: run.steps,
    minLr: run.lr / 10,
  });

  // The prompt is exactly one context long, so every generation step runs the model on the same
  // [1, blockSize] shape and reuses its compiled kernels (gpu.js compiles one per shape).
  const start = text.indexOf('Call me Ishmael');
  const promptIds = data.narrow(0, start, config.blockSize).view(1, -1);
  const samples: GptSample[] = [];
  const drawSample = (step: number) => {
    const out = generate(model, promptIds, run.sampleChars, { temperature: 0.8, topK: 10 });
    const sample = vocab.decode(out.select(0, 0).narrow(0, config.blockSize, run.sampleChars));
    samples.push({ step, text: sample });
    show('sample', sample);
    const item = document.createElement('li');
    item.textContent = `step ${step}: ${sample}`;
    document.getElementById('samples')!.append(item);
  };

  const lossOf = (x: Tensor, y: Tensor) =>
    crossEntropy(model.forward(x).view(-1, vocab.size), y.view(-1));
  // The same held-out windows every time, so the validation losses compare.
  const valBatches = [0, 1].map(() => getBatch(valData, config.blockSize, run.batchSize));
  const rows: TrainRow[] = [];
  const evalRows: EvalRow[] = [];
  const evaluate = async (step: number) => {
    model.eval();
    let total = 0;
    for (const [x, y] of valBatches) total += (await noGrad(() => lossOf(x, y)).data())[0];
    model.train();
    evalRows.push({ step, epoch: 0, loss: total / valBatches.length });
    show('val', (total / valBatches.length).toFixed(4));
  };

  const chart = document.getElementById('chart')!;
  await evaluate(0);
  let training = 0;
  let firstStep = 0;
  for (let step = 0; step < run.steps; step++) {
    const started = performance.now();
    const lr = schedule(step);
    for (const group of optimizer.paramGroups) group.lr = lr;
    const [x, y] = getBatch(trainData, config.blockSize, run.batchSize);
    const loss = lossOf(x, y);
    optimizer.zeroGrad();
    loss.backward();
    const gradNorm = clipGradNorm(model.parameters(), 1.0);
    optimizer.step();
    // Awaiting the read yields to the event loop, so the page repaints between steps.
    const value = (await loss.data())[0];
    training += performance.now() - started;
    if (step === 0) firstStep = training;
    rows.push({ step, epoch: 0, loss: value, lr, gradNorm });
    show('status', `Training on ${backend.mode}…`);
    show('step', `${step + 1} / ${run.steps}`);
    show('loss', value.toFixed(4));
    show('rate', ((step + 1) / (training / 1000)).toFixed(2));
    show('kernels', String(backend.compiledKernels));
    if ((step + 1) % run.sampleEvery === 0 || step === run.steps - 1) {
      await evaluate(step + 1);
      drawSample(step + 1);
    }
    chart.innerHTML = lossCurveSvg(
      { train: rows, eval: evalRows },
      { title: `character GPT on Moby Dick, ${backend.name}`, width: 720, height: 320 },
    );
  }
  const last = rows.slice(-10);
  return {
    backend: backend.name,
    mode: backend.mode,
    kernel,
    webgl: backend.mode === 'webgl2',
    config,
    parameters,
    batchSize: run.batchSize,
    steps: run.steps,
    trainChars: split,
    firstLoss: rows[0].loss,
    lastLoss: last.reduce((sum, r) => sum + r.loss, 0) / last.length,
    firstValLoss: evalRows[0].loss,
    lastValLoss: evalRows[evalRows.length - 1].loss,
    samples,
    kernels: backend.compiledKernels,
    firstStepSeconds: firstStep / 1000,
    stepsPerSecond: run.steps > 1 ? (run.steps - 1) / ((training - firstStep) / 1000) : 0,
    seconds: (performance.now() - begun) / 1000,
  };
}

await runPage(train, (summary) => {
  show('status', `Done in ${summary.seconds.toFixed(1)} s.`);
  show('result', JSON.stringify(summary, null, 2));
});
