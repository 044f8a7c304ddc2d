import { GPUJS_MAX_CALL_MS, GPUJS_MODES, gpujsBackend, type GpujsMode } from './gpujs-backends';
import { gcDuring } from './gc-during';
import { measure, type Measurement } from './measure';
import { rowSummary, type ReportRow } from './report-table';
import { stepMatmuls } from './step-matmuls';
import { trainStepData, type TrainStepCase } from './train-step-case';
import { phaseTimes } from './train-step-phases';
import { tfjsTrainer } from './train-step-tfjs';
import { torchletTrainer } from './train-step-torchlet';
import type { TfjsBackendName } from './tfjs-backend';

/** The article's network: small layers, so per-op overhead rather than arithmetic decides. */
export const NET: TrainStepCase = {
  name: 'Net 16→64→64→4 AdamW b=32',
  dims: [16, 64, 64, 4],
  hidden: 'layernorm-gelu',
  optimizer: 'adamw',
  lr: 3e-4,
  weightDecay: 0.01,
  clip: 1.0,
  batch: 32,
  unit: 'steps/s',
};

/** An MNIST-sized MLP: ~0.5 GFLOP a step, so matmul throughput decides. */
export const MLP: TrainStepCase = {
  name: 'MLP 784→512→512→10 Adam b=128',
  dims: [784, 512, 512, 10],
  hidden: 'relu',
  optimizer: 'adam',
  lr: 1e-3,
  weightDecay: 0,
  batch: 128,
  unit: 'samples/s',
};

/** Untimed steps per implementation before timing: their losses are compared, and they warm up. */
const CHECK_STEPS = 3;

/** The losses of the check steps, and how long the last one took. */
interface Checked {
  losses: number[];
  lastMs: number;
}

function checkSteps(step: () => number): Checked {
  const losses: number[] = [];
  let lastMs = 0;
  for (let i = 0; i < CHECK_STEPS; i++) {
    const t0 = performance.now();
    losses.push(step());
    lastMs = performance.now() - t0;
  }
  // The last step only: on gpu.js the first one also compiles every kernel.
  return { losses, lastMs };
}

/** Guards the table against a benchmark bug: same start, same updates, so the same losses. */
function expectSameLosses(what: string, x: number[], y: number[]): void {
  const worst = Math.max(...x.map((v, i) => Math.abs(v - y[i])));
  if (!(worst < 2e-3)) throw new Error(`${what}: losses ${x} and ${y} differ by up to ${worst}`);
}

async function timeTfjs(
  backend: TfjsBackendName,
  c: TrainStepCase,
  reference: number[],
  signal: AbortSignal,
): Promise<Measurement | undefined> {
  const t = await tfjsTrainer(backend, c, trainStepData(c));
  try {
    expectSameLosses(`${c.name} torchlet vs tfjs-${backend}`, reference, checkSteps(t.step).losses);
    return await measure(`tfjs-${backend} ${c.name}`, () => void t.step(), signal);
  } finally {
    t.dispose();
  }
}

async function timeGpujs(
  mode: GpujsMode,
  c: TrainStepCase,
  reference: number[],
  signal: AbortSignal,
): Promise<Measurement | undefined> {
  const backend = await gpujsBackend(mode);
  if (backend === undefined || signal.aborted) return undefined;
  const t = torchletTrainer(c, trainStepData(c), backend);
  // The check steps also compile every kernel the step uses, and predict the timed run's cost.
  const checked = checkSteps(t.step);
  expectSameLosses(`${c.name} torchlet vs gpujs-${mode}`, reference, checked.losses);
  if (checked.lastMs > GPUJS_MAX_CALL_MS) {
    console.error(`  ${c.name} gpujs-${mode}: skipped, ${checked.lastMs.toFixed(0)} ms a step`);
    return undefined;
  }
  // step() ends with loss.dataSync(): on a GL device the step has only finished once read back.
  return measure(`gpujs-${mode} ${c.name}`, () => void t.step(), signal);
}

/**
 * torchlet CPU's median time per phase of `c`'s step and the GC share; with `matmulShare`, also
 * how many ms of the step its matmuls take (timed alone on the same shapes) and how many the rest.
 */
async function breakdown(
  c: TrainStepCase,
  signal: AbortSignal,
  matmulShare: boolean,
): Promise<string> {
  const trainer = torchletTrainer(c, trainStepData(c));
  let p = phaseTimes(trainer, 300);
  const gc = await gcDuring(() => (p = phaseTimes(trainer)));
  const ms = (x: number) => `${x.toFixed(3)} ms`;
  const phases =
    `torchlet CPU, ${c.name}, median per phase: forward+loss ${ms(p.forward)}, ` +
    `zeroGrad+backward+clip ${ms(p.backward)}, ${c.optimizer === 'adamw' ? 'AdamW' : 'Adam'} ` +
    `update ${ms(p.update)}; ` +
    `GC ${((gc.gcMs / gc.totalMs) * 100).toFixed(1)}% of the time (${gc.collections} pauses)`;
  const m = matmulShare ? await stepMatmuls(trainer, signal) : undefined;
  if (m === undefined) return phases;
  const step = p.forward + p.backward + p.update;
  const matmulMs = m.forward.ms + m.backward.ms;
  const pass = (x: { flops: number; ms: number }, phase: number) =>
    `${(x.flops / 1e6).toFixed(0)} MFLOP in ${ms(x.ms)} (${(x.flops / x.ms / 1e6).toFixed(1)} ` +
    `GFLOP/s; ${((x.ms / phase) * 100).toFixed(0)}% of the phase)`;
  return (
    `${phases}\n` +
    `matmul share (the step's ${m.gemms.length} products, timed alone with torchlet's matmul on ` +
    `the same shapes and layouts): forward ${pass(m.forward, p.forward)}, backward ` +
    `${pass(m.backward, p.backward)}; of the ${ms(step)} step (sum of the phase medians), ` +
    `${ms(matmulMs)} (${((matmulMs / step) * 100).toFixed(0)}%) are matmul and ` +
    `${ms(step - matmulMs)} everything else\n` +
    `matmul products: ${m.gemms
      .map((q) => `${q.name} ${ms(q.ms)} (${(q.flops / q.ms / 1e6).toFixed(1)} GFLOP/s)`)
      .join(', ')}`
  );
}

/**
 * The training-step suite: one full step (forward, cross entropy, backward, clip when the case
 * has it, optimizer update, loss read back) of the article's Net (AdamW, clip 1.0, batch 32) and
 * of a 784→512→512→10 ReLU MLP (Adam, batch 128), from the same initial weights on the same
 * batch, in torchlet (CPU backend, and its gpu.js backend per mode that runs here) and in
 * TensorFlow.js on tfjs-backend-cpu and -wasm. Each row also carries torchlet CPU's per-phase
 * breakdown; the MLP's adds the matmul share of its step (`stepMatmuls`).
 *
 * @example
 * ```ts
 * const rows = await trainStepBench(AbortSignal.timeout(120_000));
 * ```
 */
export async function trainStepBench(signal: AbortSignal): Promise<ReportRow[]> {
  const rows: ReportRow[] = [];
  for (const c of [NET, MLP]) {
    const t = torchletTrainer(c, trainStepData(c));
    const reference = checkSteps(t.step).losses;
    const row: ReportRow = {
      suite: 'train-step',
      case: c.name,
      unit: c.unit,
      work: c.unit === 'samples/s' ? c.batch : 1,
      torchlet: await measure(`torchlet ${c.name}`, () => void t.step(), signal),
      tfjsCpu: await timeTfjs('cpu', c, reference, signal),
      tfjsWasm: await timeTfjs('wasm', c, reference, signal),
      gpujs: {},
    };
    for (const mode of GPUJS_MODES) {
      const call = await timeGpujs(mode, c, reference, signal);
      if (call !== undefined) row.gpujs![mode] = { call };
    }
    if (!signal.aborted) row.detail = await breakdown(c, signal, c === MLP);
    rows.push(row);
    console.error(`  ${rowSummary(row)}`);
  }
  return rows;
}
