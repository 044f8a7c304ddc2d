/** One line of the benchmark table: a case's throughput per implementation (higher is better). */
export interface ReportRow {
  suite: string;
  case: string;
  unit: 'GFLOP/s' | 'GB/s';
  torchlet?: number;
  tfjsCpu?: number;
  tfjsWasm?: number;
}

function num(x: number | undefined): string {
  if (x === undefined) return '—';
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

function ratio(a: number | undefined, b: number | undefined): string {
  return a === undefined || b === undefined ? '—' : `${num(a / b)}×`;
}

/**
 * Formats rows as a Markdown table with the ratios torchlet/tfjs-cpu and torchlet/tfjs-wasm
 * (above 1× torchlet is faster). A missing value (cut by the time limit, or not measured) is "—".
 *
 * @example
 * ```ts
 * console.log(reportTable([{ suite: 'matmul', case: 'n=512', unit: 'GFLOP/s', torchlet: 5.6 }]));
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
  ];
  const body = rows.map((r) => [
    r.suite,
    r.case,
    r.unit,
    num(r.torchlet),
    num(r.tfjsCpu),
    num(r.tfjsWasm),
    ratio(r.torchlet, r.tfjsCpu),
    ratio(r.torchlet, r.tfjsWasm),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i < 3 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}
