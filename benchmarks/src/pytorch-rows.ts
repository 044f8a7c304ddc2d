import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { OPS, SIZE } from './elementwise.bench';
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
}

/** True when Debian's python3-torch (or any torch) imports under /usr/bin/python3. */
export function pytorchAvailable(): boolean {
  return spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
}

/**
 * Times the cases of `rows` in PyTorch (one thread, as in the peer table; set
 * `TORCHLET_BENCH_TORCH_THREADS` to change it) and adds a `pytorch` measurement to each row it
 * ran. Training steps start from the same weights and batch as torchlet's, and their first three
 * losses must match torchlet's within 2e-3. Returns a line saying which torch and BLAS ran, or
 * undefined when torch is not installed.
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
  const request = {
    matmul: has('matmul f32') ? CASES : [],
    elementwise: has('elementwise f32') ? OPS.map((o) => o.name) : [],
    elementwiseSize: SIZE,
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
  for (const row of rows) {
    const ms = report.ms[row.case];
    if (ms !== undefined) row.pytorch = { ms, faultsPerCall: NaN };
  }
  const blas = report.blas.map((p) => p.split('/').slice(-2).join('/')).join(', ') || 'none found';
  const threads = `${report.threads} thread${report.threads === 1 ? '' : 's'}`;
  return `PyTorch ${report.version} (Debian python3-torch), ${threads}, BLAS ${blas}.`;
}
