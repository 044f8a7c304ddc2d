import { GPUJS_MODES, type GpujsMode } from './gpujs-backends';
import { perSecond, type ReportRow } from './report-table';
import { rooflineShare } from './roofline-share';
import type { Roofline } from './simd-roofline';

/** Where and when the run happened, as run-all's header line says it. */
export interface RunInfo {
  machine: { cpu: string; cores: number };
  /** `process.version`. */
  node: string;
  /** When the run finished, ISO 8601. */
  date: string;
  /** The line naming PyTorch's version, threads and BLAS; null when torch did not run. */
  pytorch: string | null;
  /** Whether the run's time limit cut some cases (their numbers are null). */
  timeLimitHit: boolean;
}

/** One value per implementation; null where it was not measured (or cut by the time limit). */
interface PerImpl {
  torchlet: number | null;
  tfjsCpu: number | null;
  tfjsWasm: number | null;
  pytorch: number | null;
  gpujs: Record<GpujsMode, number | null>;
}

/** One row of the table, with every number as a number. */
export interface JsonRow {
  suite: string;
  case: string;
  /** The throughput columns' unit: GFLOP/s, GB/s, steps/s, samples/s, tokens/s or calls/s. */
  unit: string;
  /** The unit's numerator in one call (flops, bytes, steps, samples, tokens or calls). */
  work: number;
  /** In `unit`, from the median time. */
  throughput: PerImpl;
  /** The ms each throughput comes from: the median call (or step), or a memory loop's total. */
  timeMs: PerImpl;
  /** torchlet's throughput over each other's (above 1 torchlet is faster); for gpujs, the mode's over torchlet's. */
  ratios: {
    torchletOverTfjsCpu: number | null;
    torchletOverTfjsWasm: number | null;
    torchletOverPytorch: number | null;
    gpujsOverTorchlet: Record<GpujsMode, number | null>;
  };
  pageFaultsPerCall: { torchlet: number | null; tfjsCpu: number | null; tfjsWasm: number | null };
  /** matmul: ms to read an n² result back from each gpu.js mode. */
  gpujsReadbackMs: Record<GpujsMode, number | null>;
  /** matmul: torchlet's throughput against the roofline of the threads it ran on. */
  roofline: { threads: number; gflops: number; fraction: number | null } | null;
  /** The lines printed under the tables for this row (breakdowns, roofline), one string each. */
  detail: string[];
}

/** What `--json <file>` writes. */
export interface JsonReport extends RunInfo {
  /** The wasm SIMD roofline the matmul suite measured; null when it did not run. */
  roofline: Roofline | null;
  rows: JsonRow[];
}

/** A finite number, or null (missing, cut, or NaN as the memory rows' page faults). */
const value = (x: number | undefined): number | null =>
  x === undefined || !Number.isFinite(x) ? null : x;
const over = (a: number | null, b: number | null): number | null =>
  a === null || b === null ? null : a / b;
const byMode = (f: (mode: GpujsMode) => number | null) =>
  Object.fromEntries(GPUJS_MODES.map((m) => [m, f(m)])) as Record<GpujsMode, number | null>;

function jsonRow(row: ReportRow): JsonRow {
  const ms = {
    torchlet: value(row.torchlet?.ms),
    tfjsCpu: value(row.tfjsCpu?.ms),
    tfjsWasm: value(row.tfjsWasm?.ms),
    pytorch: value(row.pytorch?.ms),
    gpujs: byMode((m) => value(row.gpujs?.[m]?.call?.ms)),
  };
  const rate = (x: number | null) => (x === null ? null : value(perSecond(row, x)));
  const throughput = {
    torchlet: rate(ms.torchlet),
    tfjsCpu: rate(ms.tfjsCpu),
    tfjsWasm: rate(ms.tfjsWasm),
    pytorch: rate(ms.pytorch),
    gpujs: byMode((m) => rate(ms.gpujs[m])),
  };
  const share = rooflineShare(row);
  return {
    suite: row.suite,
    case: row.case,
    unit: row.unit,
    work: row.work,
    throughput,
    timeMs: ms,
    ratios: {
      torchletOverTfjsCpu: over(throughput.torchlet, throughput.tfjsCpu),
      torchletOverTfjsWasm: over(throughput.torchlet, throughput.tfjsWasm),
      torchletOverPytorch: over(throughput.torchlet, throughput.pytorch),
      gpujsOverTorchlet: byMode((m) => over(throughput.gpujs[m], throughput.torchlet)),
    },
    pageFaultsPerCall: {
      torchlet: value(row.torchlet?.faultsPerCall),
      tfjsCpu: value(row.tfjsCpu?.faultsPerCall),
      tfjsWasm: value(row.tfjsWasm?.faultsPerCall),
    },
    gpujsReadbackMs: byMode((m) => value(row.gpujs?.[m]?.read?.ms)),
    roofline:
      share === undefined
        ? null
        : { threads: share.threads, gflops: share.roof, fraction: value(share.fraction) },
    detail: row.detail === undefined ? [] : row.detail.split('\n'),
  };
}

/**
 * The run as `--json <file>` writes it: the machine, Node, date and PyTorch/BLAS line, the wasm
 * SIMD roofline, and every row of the tables with each throughput column, ratio and page-fault
 * count as a number (null where the table shows "—") and its detail lines as strings. For
 * comparing runs by script rather than by reading Markdown.
 *
 * @example
 * ```ts
 * const report = reportJson(rows, { machine, node: process.version, date, pytorch: null, timeLimitHit: false });
 * writeFileSync('out.json', JSON.stringify(report, null, 2));
 * ```
 */
export function reportJson(rows: readonly ReportRow[], run: RunInfo): JsonReport {
  const roofline = rows.find((r) => r.roofline !== undefined)?.roofline?.probe ?? null;
  return { ...run, roofline, rows: rows.map(jsonRow) };
}
