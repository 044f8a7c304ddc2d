import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ATTENTION, ATTENTION_KEYS, attentionData } from './attention-case';
import { torchletAttention } from './attention-torchlet';
import { OPS, SIZE } from './elementwise.bench';
import { expectClose } from './expect-close';
import { GPT, gptData, gptParams } from './gpt-case';
import { GPT_BUDGET_MS, gptReferenceLosses } from './gpt.bench';
import { CASES } from './matmul.bench';
import type { ReportRow } from './report-table';
import { trainStepData } from './train-step-case';
import { MLP, NET } from './train-step.bench';
import { torchletTrainer } from './train-step-torchlet';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('../torch/bench_torch.py', import.meta.url));

/** What bench_torch.py reports. */
interface TorchReport {
  version: string;
  threads: number;
  blas: string[];
  ms: Record<string, number>;
  losses: Record<string, number[]>;
  /** The GPT step's median ms per phase, when the request had the GPT case. */
  gptPhases?: { forward: number; backward: number; update: number };
  /** The attention output and input gradients, flattened, when the request had attention. */
  attention?: { output: number[]; gradQ: number[]; gradK: number[]; gradV: number[] };
}

/** The GPT case as bench_torch.py reads it: config, named initial weights, the batch. */
function gptRequest() {
  const d = gptData(GPT);
  const params = Object.fromEntries(
    gptParams(GPT).map((p) => [
      p.name,
      { shape: p.shape, decay: p.decay, values: Array.from(d.params.get(p.name)!) },
    ]),
  );
  const batch = { idx: Array.from(d.idx), targets: Array.from(d.targets) };
  return { ...GPT, params, ...batch, budgetMs: GPT_BUDGET_MS };
}

/** The attention inputs as bench_torch.py reads them. */
function attentionRequest() {
  const d = attentionData();
  return {
    ...ATTENTION,
    q: Array.from(d.q),
    k: Array.from(d.k),
    v: Array.from(d.v),
    grad: Array.from(d.grad),
    budgetMs: 1000,
    forwardKey: ATTENTION_KEYS.forward,
    forwardBackwardKey: ATTENTION_KEYS.forwardBackward,
  };
}

const phaseText = (p: { forward: number; backward: number; update: number }) =>
  `forward+loss ${p.forward.toFixed(1)} ms, zero_grad+backward+clip ${p.backward.toFixed(1)} ms, ` +
  `AdamW step ${p.update.toFixed(1)} ms`;

/** True when Debian's python3-torch (or any torch) imports under /usr/bin/python3. */
export function pytorchAvailable(): boolean {
  return spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
}

/**
 * Times the cases of `rows` in PyTorch (one thread, as in the peer table; set
 * `TORCHLET_BENCH_TORCH_THREADS` to change it) and adds a `pytorch` measurement to each row it
 * ran. Training steps (the Net, the MLP, the GPT) start from the same weights and batch as
 * torchlet's, and their first three losses must match torchlet's within 2e-3; PyTorch's GPT
 * phases are appended to the GPT row's breakdown. Attention (composed: torch 1.13 has no
 * `scaled_dot_product_attention`) must give torchlet's output and input gradients within 1e-4.
 * Returns a line saying which torch and BLAS ran, or undefined when torch is not installed.
 *
 * @example
 * ```ts
 * const note = addPytorchRows(rows); // "PyTorch 1.13.0a0, 1 thread, BLAS libopenblas…"
 * ```
 */
export function addPytorchRows(rows: ReportRow[]): string | undefined {
  if (!pytorchAvailable()) return undefined;
  const has = (suite: string) => rows.some((r) => r.suite === suite);
  const steps = [NET, MLP].filter((c) => rows.some((r) => r.case === c.name));
  const hasGpt = has('gpt');
  const hasAttention = rows.some((r) => r.suite.startsWith('attention'));
  const request = {
    matmul: has('matmul f32') ? CASES : [],
    elementwise: has('elementwise f32') ? OPS.map((o) => o.name) : [],
    elementwiseSize: SIZE,
    gpt: hasGpt ? gptRequest() : null,
    attention: hasAttention ? attentionRequest() : null,
    trainStep: steps.map((c) => {
      const d = trainStepData(c);
      return {
        ...c,
        x: Array.from(d.x),
        y: Array.from(d.y),
        linears: d.linears.map((l) => ({ weight: Array.from(l.weight), bias: Array.from(l.bias) })),
      };
    }),
  };
  console.error('pytorch: running benchmarks/torch/bench_torch.py');
  const run = spawnSync(PYTHON, [SCRIPT], {
    input: JSON.stringify(request),
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (run.status !== 0) throw new Error(`bench_torch.py failed:\n${run.stderr}`);
  const report = JSON.parse(run.stdout) as TorchReport;
  for (const c of steps) {
    const t = torchletTrainer(c, trainStepData(c));
    const ours = [t.step(), t.step(), t.step()];
    const theirs = report.losses[c.name];
    const worst = Math.max(...ours.map((v, i) => Math.abs(v - theirs[i])));
    if (!(worst < 2e-3)) {
      throw new Error(`${c.name}: torchlet losses ${ours} and PyTorch's ${theirs} differ`);
    }
  }
  if (hasGpt) {
    const ours = gptReferenceLosses();
    const theirs = report.losses[GPT.name];
    const worst = Math.max(...ours.map((v, i) => Math.abs(v - theirs[i])));
    if (!(worst < 2e-3)) {
      throw new Error(`${GPT.name}: torchlet losses ${ours} and PyTorch's ${theirs} differ`);
    }
    const row = rows.find((r) => r.case === GPT.name);
    if (row?.detail !== undefined && report.gptPhases !== undefined) {
      row.detail += `\nPyTorch, same step, median per phase: ${phaseText(report.gptPhases)}`;
    }
  }
  if (report.attention !== undefined) {
    const ours = torchletAttention('fused', attentionData()).results();
    const { output, gradQ, gradK, gradV } = report.attention;
    [output, gradQ, gradK, gradV].forEach((theirs, i) =>
      expectClose(`attention torchlet vs PyTorch [${i}]`, ours[i], theirs),
    );
  }
  for (const row of rows) {
    const ms = report.ms[row.pytorchKey ?? row.case];
    if (ms !== undefined) row.pytorch = { ms, faultsPerCall: NaN };
  }
  const blas = report.blas.map((p) => p.split('/').slice(-2).join('/')).join(', ') || 'none found';
  const threads = `${report.threads} thread${report.threads === 1 ? '' : 's'}`;
  return `PyTorch ${report.version} (Debian python3-torch), ${threads}, BLAS ${blas}.`;
}
