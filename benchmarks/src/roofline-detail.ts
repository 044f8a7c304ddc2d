import type { ReportRow } from './report-table';
import { rooflineShare } from './roofline-share';
import type { Roofline } from './simd-roofline';

const gflops = (x: number) => `${x.toFixed(1)} GFLOP/s`;

/**
 * The lines the matmul suite prints under the tables: the roofline probe's two measurements,
 * whether relaxed SIMD is available, and each torchlet row as a share of the roofline of the
 * threads it ran on ("A·B n=512: 84.0 GFLOP/s = 88% of the 2-thread roofline 95.3 GFLOP/s").
 *
 * @example
 * ```ts
 * rows[rows.length - 1].detail = rooflineDetail(roof, rows);
 * ```
 */
export function rooflineDetail(roof: Roofline, rows: readonly ReportRow[]): string {
  const engine = `Node ${process.version} (V8 ${process.versions.v8})`;
  // V8 shipped relaxed SIMD in 11.4 (Node 22); Node 20's V8 11.3 keeps it behind a flag.
  const relaxed = roof.relaxedSimd
    ? `accepted by WebAssembly.validate in ${engine}`
    : `not accepted by WebAssembly.validate in ${engine} (V8 before 11.4 has it behind ` +
      '--experimental-wasm-relaxed-simd)';
  const lines = [
    `Roofline of wasm SIMD128 here (12 independent f32x4 mul+add chains, best of 5 runs of ` +
      `~0.3 s, ${(roof.ms / 1000).toFixed(1)} s in all): ${gflops(roof.oneThread)} on 1 thread, ` +
      `${gflops(roof.allThreads)} on ${roof.threads} threads at once; relaxed SIMD ` +
      `(f32x4.relaxed_madd) ${relaxed}.`,
  ];
  for (const row of rows) {
    const share = rooflineShare(row);
    if (share === undefined) continue;
    const achieved =
      share.achieved === undefined || share.fraction === undefined
        ? '— (cut by the time limit)'
        : `${gflops(share.achieved)} = ${(share.fraction * 100).toFixed(0)}%`;
    lines.push(
      `torchlet ${row.case}: ${achieved} of the ${share.threads}-thread roofline ` +
        `${gflops(share.roof)}`,
    );
  }
  return lines.join('\n');
}
