/**
 * The browser page: trains the article's network on the gpu.js backend in WebGL2, drawing the
 * loss live. `pnpm --filter @torchlet/examples browser` serves it; `?steps=N` changes the length.
 * A plain loop rather than `fit`, whose checkpoint and plot options are for Node.
 */
import { gpujs } from '@torchlet/backend-gpujs';
import {
  accuracy,
  AdamW,
  clipGradNorm,
  crossEntropy,
  lossCurveSvg,
  manualSeed,
  noGrad,
  randint,
  randn,
  setDefaultBackend,
  warmupCosine,
  type TrainRow,
} from 'torchlet';
import { Net } from './net';
import { teacherData } from './teacher-data';
import type { TrainSummary } from './train-summary';
import { runPage, show } from './page-status';

const steps = Number(new URLSearchParams(location.search).get('steps') ?? 150);
const batchSize = 32;

async function train(): Promise<TrainSummary> {
  show('status', 'Compiling kernels…');
  // Warnings name a fallback: shown on the page, since the summary's `webgl` says the rest.
  const backend = await gpujs({ mode: 'webgl2', onWarning: (m) => show('status', m) });
  setDefaultBackend(backend);
  const kernel = (backend.gpu as unknown as { Kernel: { name: string } }).Kernel.name;
  show('backend', `${backend.name} (${kernel})`);

  manualSeed(0);
  const teacher = randn([16, 4]);
  const [trainX, trainY] = teacherData(teacher, 1000);
  const [valX, valY] = teacherData(teacher, 200);
  const model = new Net();
  const optimizer = new AdamW(model.namedParameters(), { lr: 3e-3, weightDecay: 0.01 });
  // A shorter run than the demo's 500 steps, so a higher peak; warmup is the first tenth.
  const schedule = warmupCosine({
    peak: 3e-3,
    warmupSteps: Math.ceil(steps / 10),
    totalSteps: steps,
  });

  const rows: TrainRow[] = [];
  const chart = document.getElementById('chart')!;
  const started = performance.now();
  for (let step = 0; step < steps; step++) {
    optimizer.paramGroups[0].lr = schedule(step);
    const idx = randint(0, 1000, [batchSize]);
    const loss = crossEntropy(
      model.forward(trainX.indexSelect(0, idx)),
      trainY.indexSelect(0, idx),
    );
    optimizer.zeroGrad();
    loss.backward();
    const gradNorm = clipGradNorm(model.parameters(), 1.0);
    optimizer.step();
    // Awaiting the read yields to the event loop, so the page repaints between steps.
    const value = (await loss.data())[0];
    rows.push({ step, epoch: 0, loss: value, lr: schedule(step), gradNorm });
    const perSecond = (step + 1) / ((performance.now() - started) / 1000);
    show('status', `Training on ${backend.mode}…`);
    show('step', `${step + 1} / ${steps}`);
    show('loss', value.toFixed(4));
    show('rate', perSecond.toFixed(1));
    chart.innerHTML = lossCurveSvg(
      { train: rows, eval: [] },
      { title: `Net on teacher data, ${backend.name}`, width: 720, height: 360 },
    );
  }
  const stepsPerSecond = steps / ((performance.now() - started) / 1000);
  const valAccuracy = noGrad(() => accuracy(model.forward(valX), valY));
  return {
    backend: backend.name,
    mode: backend.mode,
    kernel,
    webgl: backend.mode === 'webgl2',
    steps,
    firstLoss: rows[0].loss,
    lastLoss: rows[rows.length - 1].loss,
    accuracy: valAccuracy,
    stepsPerSecond,
  };
}

await runPage(train, (summary) => {
  show('status', 'Done.');
  show('accuracy', summary.accuracy.toFixed(3));
  show('result', JSON.stringify(summary, null, 2));
});
