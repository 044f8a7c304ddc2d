import { perSecond, type ReportRow } from './report-table';

/** How close a torchlet matmul row came to the roofline of the threads it ran on. */
export interface RooflineShare {
  /** Threads torchlet's call ran on: 1 below its threading threshold, else `getNumThreads()`. */
  threads: number;
  /** The roofline on that many threads, in GFLOP/s. */
  roof: number;
  /** torchlet's throughput, in GFLOP/s; undefined when the time limit cut it. */
  achieved: number | undefined;
  /** `achieved / roof`, from 0 to 1; undefined when the time limit cut the row. */
  fraction: number | undefined;
}

/**
 * torchlet's throughput on a matmul row as a share of the wasm SIMD roofline measured in the
 * same run (one thread, or all of them at once, as the call used), or undefined for a row that
 * has no roofline (every suite but matmul).
 *
 * @example
 * ```ts
 * const share = rooflineShare(row); // { threads: 2, roof: 95.3, achieved: 84.0, fraction: 0.88 }
 * ```
 */
export function rooflineShare(row: ReportRow): RooflineShare | undefined {
  if (row.roofline === undefined) return undefined;
  const { probe, threads } = row.roofline;
  const roof = threads === 1 ? probe.oneThread : probe.allThreads;
  const achieved = perSecond(row, row.torchlet?.ms);
  return {
    threads,
    roof,
    achieved,
    fraction: achieved === undefined ? undefined : achieved / roof,
  };
}
