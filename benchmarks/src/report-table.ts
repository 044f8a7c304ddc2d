import type { Measurement } from './measure';

/** One line of the benchmark table: a case measured on each implementation. */
export interface ReportRow {
  suite: string;
  case: string;
  unit: 'GFLOP/s' | 'GB/s';
  /** Flops (for GFLOP/s) or bytes read plus written (for GB/s) in one call. */
  work: number;
  torchlet?: Measurement;
  tfjsCpu?: Measurement;
  tfjsWasm?: Measurement;
}

const IMPLS = ['torchlet', 'tfjsCpu', 'tfjsWasm'] as const;

function rate(row: ReportRow, impl: (typeof IMPLS)[number]): number | undefined {
  const m = row[impl];
  return m === undefined ? undefined : row.work / m.ms / 1e6;
}

function num(x: number | undefined): string {
  if (x === undefined) return '—';
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

function ratio(a: number | undefined, b: number | undefined): string {
  return a === undefined || b === undefined ? '—' : `${num(a / b)}×`;
}

function faults(row: ReportRow): string {
  return IMPLS.map((impl) => row[impl]?.faultsPerCall.toFixed(0) ?? '—').join(' / ');
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
  const header = [
    'suite',
    'case',
    'unit',
    'torchlet',
    'tfjs-cpu',
    'tfjs-wasm',
    'torchlet/cpu',
    'torchlet/wasm',
    'page faults/call',
  ];
  const body = rows.map((r) => {
    const [t, c, w] = IMPLS.map((impl) => rate(r, impl));
    return [r.suite, r.case, r.unit, num(t), num(c), num(w), ratio(t, c), ratio(t, w), faults(r)];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const left = (i: number) => i < 3;
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (left(i) ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => `${'-'.repeat(w + 1)}${left(i) ? '-' : ':'}`).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}
