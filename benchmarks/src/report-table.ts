import { GPUJS_MODES, type GpujsMode } from './gpujs-backends';
import type { Measurement } from './measure';
import type { Roofline } from './simd-roofline';

/** One line of the benchmark table: a case measured on each implementation. */
export interface ReportRow {
  suite: string;
  case: string;
  unit: Unit;
  /** The unit's numerator in one call: flops, bytes read plus written, steps, samples or tokens. */
  work: number;
  torchlet?: Measurement;
  tfjsCpu?: Measurement;
  tfjsWasm?: Measurement;
  /** PyTorch on the same case, when /usr/bin/python3 has torch (see pytorch-rows.ts). */
  pytorch?: Measurement;
  /**
   * The key of bench_torch.py's timing for this row when it is not `case`: several torchlet rows
   * (fused and composed attention) share one PyTorch timing.
   */
  pytorchKey?: string;
  /** torchlet's gpu.js backend per mode: the call with its readback, and the readback alone. */
  gpujs?: Partial<Record<GpujsMode, { call?: Measurement; read?: Measurement }>>;
  /**
   * For matmul rows: the wasm SIMD roofline measured in the same run, and how many threads
   * torchlet's call ran on, which says which of its two roofs bounds the row.
   */
  roofline?: { probe: Roofline; threads: number };
  /** A line printed under the tables (e.g. a per-phase breakdown). */
  detail?: string;
}

/** Throughput units, and the divisor taking a per-second count into each. */
const UNIT_SCALE = {
  'GFLOP/s': 1e9,
  'GB/s': 1e9,
  'steps/s': 1,
  'samples/s': 1,
  'tokens/s': 1,
  'calls/s': 1,
} as const;
type Unit = keyof typeof UNIT_SCALE;

/**
 * `row.work` per `ms`, in the row's unit (the table's throughput); undefined when the
 * measurement is missing.
 *
 * @example
 * ```ts
 * perSecond({ suite: 'matmul f32', case: 'A·B n=512', unit: 'GFLOP/s', work: 2 * 512 ** 3 }, 4);
 * // 67.1 (GFLOP/s)
 * ```
 */
export function perSecond(row: ReportRow, ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : row.work / (ms / 1e3) / UNIT_SCALE[row.unit];
}

const IMPLS = ['torchlet', 'tfjsCpu', 'tfjsWasm'] as const;

function rate(row: ReportRow, impl: (typeof IMPLS)[number]): number | undefined {
  return perSecond(row, row[impl]?.ms);
}

function num(x: number | undefined): string {
  if (x === undefined) return '—';
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

function ratio(a: number | undefined, b: number | undefined): string {
  return a === undefined || b === undefined ? '—' : `${num(a / b)}×`;
}

function faults(row: ReportRow): string {
  return IMPLS.map((impl) => {
    const f = row[impl]?.faultsPerCall;
    return f === undefined || Number.isNaN(f) ? '—' : f.toFixed(0);
  }).join(' / ');
}

/** One row as a progress line: `A·B n=512: 4.89 / 0.89 / 37.9 GFLOP/s (page faults/call 0 / 0 / 0)`. */
export function rowSummary(row: ReportRow): string {
  const rates = IMPLS.map((impl) => num(rate(row, impl))).join(' / ');
  return `${row.case}: ${rates} ${row.unit} (page faults/call ${faults(row)})`;
}

/**
 * Formats rows as a Markdown table of throughputs (from median times) with the ratios
 * torchlet/tfjs-cpu and torchlet/tfjs-wasm (above 1× torchlet is faster), and the minor page
 * faults per call of each implementation. A value cut by the time limit shows "—".
 *
 * @example
 * ```ts
 * console.log(reportTable(await matmulBench(AbortSignal.timeout(120_000))));
 * ```
 */
export function reportTable(rows: readonly ReportRow[]): string {
  const torch = rows.some((r) => r.pytorch !== undefined);
  const header = [
    'suite',
    'case',
    'unit',
    'torchlet',
    'tfjs-cpu',
    'tfjs-wasm',
    ...(torch ? ['pytorch'] : []),
    'torchlet/cpu',
    'torchlet/wasm',
    ...(torch ? ['torchlet/pytorch'] : []),
    'page faults/call',
  ];
  const body = rows.map((r) => {
    const [t, c, w] = IMPLS.map((impl) => rate(r, impl));
    const p = perSecond(r, r.pytorch?.ms);
    return [
      r.suite,
      r.case,
      r.unit,
      num(t),
      num(c),
      num(w),
      ...(torch ? [num(p)] : []),
      ratio(t, c),
      ratio(t, w),
      ...(torch ? [ratio(t, p)] : []),
      faults(r),
    ];
  });
  return markdown(header, body, 3);
}

/**
 * Formats the gpu.js rows (cases measured on torchlet's gpu.js backend) as a Markdown table:
 * throughput of one call (a matmul, or a training step) with its readback per mode, its ratio to
 * torchlet's CPU backend on the same case (above 1× the gpu.js mode is faster), and for matmul
 * the readback of the n² result alone in ms. Modes
 * that could not run here, or sizes a mode was capped at, show "—".
 *
 * @example
 * ```ts
 * console.log(gpujsTable(await matmulBench(AbortSignal.timeout(180_000))));
 * ```
 */
export function gpujsTable(rows: readonly ReportRow[]): string {
  const header = [
    'case',
    'unit',
    'torchlet cpu',
    ...GPUJS_MODES.map((m) => `gpujs-${m}`),
    ...GPUJS_MODES.map((m) => `${m}/torchlet`),
    `readback ms (${GPUJS_MODES.join(' / ')})`,
  ];
  const body = rows
    .filter((r) => r.gpujs !== undefined)
    .map((r) => {
      const t = rate(r, 'torchlet');
      const g = GPUJS_MODES.map((m) => perSecond(r, r.gpujs?.[m]?.call?.ms));
      const reads = GPUJS_MODES.map((m) => num(r.gpujs?.[m]?.read?.ms)).join(' / ');
      return [r.case, r.unit, num(t), ...g.map(num), ...g.map((x) => ratio(x, t)), reads];
    });
  return markdown(header, body, 2);
}

/** A Markdown table with the first `leftColumns` columns left-aligned and the rest right. */
function markdown(header: string[], body: string[][], leftColumns: number): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const left = (i: number) => i < leftColumns;
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (left(i) ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => `${'-'.repeat(w + 1)}${left(i) ? '-' : ':'}`).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}
