import { GPT, gptData } from './gpt-case';
import { composedCausal } from './gpt-model';
import { tfjsGptTrainer } from './gpt-tfjs';
import { torchletGptTrainer } from './gpt-torchlet';
import { GPUJS_MODES, gpujsBackend, type GpujsMode } from './gpujs-backends';
import { gcDuring } from './gc-during';
import { measure, type Measurement } from './measure';
import { rowSummary, type ReportRow } from './report-table';
import { phaseTimes } from './train-step-phases';
import type { TorchletTrainer } from './train-step-torchlet';

/** The row of torchlet's GPT step with attention composed of tensor ops instead of fused. */
export const GPT_COMPOSED = `${GPT.name}, composed attn`;

/** Tokens a step: the unit's numerator. */
const TOKENS = GPT.batch * GPT.blockSize;

/**
 * An implementation slower than this a step is timed by its check steps (the median of those
 * after the first, which compiles and warms up) instead of tinybench's probe and ≥ 3 more
 * steps: TF.js-wasm and gpu.js's modes take several seconds a step here.
 */
const SLOW_STEP_MS = 3000;

/** tinybench's budget for the fast implementations (≥ 5 samples of a step); PyTorch's too. */
export const GPT_BUDGET_MS = 8000;

let referenceLosses: number[] | undefined;

/**
 * The first three losses of torchlet CPU's GPT step (fused attention), computed once a run:
 * every other implementation, PyTorch included, must reproduce them within 2e-3.
 *
 * @example
 * ```ts
 * gptReferenceLosses(); // three losses near ln(65) ≈ 4.17, falling
 * ```
 */
export function gptReferenceLosses(): number[] {
  if (referenceLosses === undefined) {
    const t = torchletGptTrainer(GPT, gptData(GPT));
    referenceLosses = [t.step(), t.step(), t.step()];
  }
  return referenceLosses;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Runs `checks` untimed steps, compares their losses with torchlet CPU's, and times `step`: with
 * tinybench when a step is fast, else from the check steps (see {@link SLOW_STEP_MS}).
 */
async function checkedMeasure(
  what: string,
  step: () => number,
  signal: AbortSignal,
  checks = 3,
): Promise<Measurement | undefined> {
  if (signal.aborted) return undefined;
  const reference = gptReferenceLosses();
  const losses: number[] = [];
  const ms: number[] = [];
  for (let i = 0; i < checks; i++) {
    const t0 = performance.now();
    losses.push(step());
    ms.push(performance.now() - t0);
  }
  const worst = Math.max(...losses.map((v, i) => Math.abs(v - reference[i])));
  if (!(worst < 2e-3)) {
    throw new Error(`${what}: losses ${losses} and torchlet's ${reference} differ by ${worst}`);
  }
  if (ms[ms.length - 1] > SLOW_STEP_MS) {
    console.error(`  ${what}: ${ms.map((x) => (x / 1e3).toFixed(1)).join(', ')} s a step`);
    return { ms: median(ms.slice(1)), faultsPerCall: NaN };
  }
  return measure(what, () => void step(), signal, GPT_BUDGET_MS);
}

async function timeGpujs(mode: GpujsMode, signal: AbortSignal): Promise<Measurement | undefined> {
  const backend = await gpujsBackend(mode);
  if (backend === undefined || signal.aborted) return undefined;
  const t = torchletGptTrainer(GPT, gptData(GPT), { backend });
  // Two steps: the first compiles every kernel, the second is the timing (several seconds each).
  return checkedMeasure(`gpujs-${mode} ${GPT.name}`, t.step, signal, 2);
}

async function breakdown(trainer: TorchletTrainer): Promise<string> {
  let p = phaseTimes(trainer, 1000);
  const gc = await gcDuring(() => (p = phaseTimes(trainer, 2000)));
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  return (
    `torchlet CPU, ${GPT.name}, median per phase: forward+loss ${ms(p.forward)}, ` +
    `zeroGrad+backward+clip ${ms(p.backward)}, AdamW update ${ms(p.update)}; ` +
    `GC ${((gc.gcMs / gc.totalMs) * 100).toFixed(1)}% of the time (${gc.collections} pauses)`
  );
}

/**
 * The GPT suite: one training step of examples/gpt's default model (see {@link GPT}: 4 layers,
 * 4 heads, width 128, T = 64, batch 16, vocab 65, no biases, tied lm head) from the same seeded
 * weights on the same batch: forward, cross entropy, backward, clip at 1.0, AdamW with decay
 * and no-decay groups, and the loss read back, in tokens/s. torchlet on its CPU backend with
 * fused attention (and once more with attention composed of tensor ops), TF.js on wasm, and
 * torchlet's gpu.js backend per mode that runs here; PyTorch 1.13 joins in pytorch-rows.ts.
 * tfjs-backend-cpu is left out: one step takes ~20 s here, so its check steps alone would add a
 * minute. Every implementation's first losses must match torchlet CPU's within 2e-3. The first
 * row carries torchlet's per-phase breakdown (PyTorch's is appended in pytorch-rows.ts).
 *
 * @example
 * ```ts
 * const rows = await gptBench(AbortSignal.timeout(300_000));
 * ```
 */
export async function gptBench(signal: AbortSignal): Promise<ReportRow[]> {
  const data = gptData(GPT);
  const fused = torchletGptTrainer(GPT, data);
  const row: ReportRow = {
    suite: 'gpt',
    case: GPT.name,
    unit: 'tokens/s',
    work: TOKENS,
    torchlet: await checkedMeasure(`torchlet ${GPT.name}`, fused.step, signal),
    gpujs: {},
  };
  if (!signal.aborted) row.detail = await breakdown(fused);
  const composed = torchletGptTrainer(GPT, data, { attention: composedCausal });
  const composedRow: ReportRow = {
    suite: 'gpt',
    case: GPT_COMPOSED,
    unit: 'tokens/s',
    work: TOKENS,
    torchlet: await checkedMeasure(`torchlet ${GPT_COMPOSED}`, composed.step, signal),
    pytorchKey: GPT.name,
  };
  if (!signal.aborted) {
    const t = await tfjsGptTrainer('wasm', GPT, data);
    try {
      row.tfjsWasm = await checkedMeasure(`tfjs-wasm ${GPT.name}`, t.step, signal);
    } finally {
      t.dispose();
    }
  }
  for (const mode of GPUJS_MODES) {
    const call = await timeGpujs(mode, signal);
    if (call !== undefined) row.gpujs![mode] = { call };
  }
  for (const r of [row, composedRow]) console.error(`  ${rowSummary(r)}`);
  return [row, composedRow];
}
