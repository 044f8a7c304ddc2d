import { getNumThreads, matmul, tensor } from '@torchlet/tensor';
import { GPUJS_MAX_CALL_MS, GPUJS_MODES, gpujsBackend, type GpujsMode } from './gpujs-backends';
import { measure, type Measurement } from './measure';
import { randomFloat32 } from './random-inputs';
import { rowSummary, type ReportRow } from './report-table';
import { rooflineDetail } from './roofline-detail';
import { measureRoofline } from './simd-roofline';
import { tfjsBackend, type TfjsBackendName } from './tfjs-backend';

/** Which operand is read transposed; the data is the same n×n pair either way. */
type Layout = 'A·B' | 'A·Bᵀ' | 'Aᵀ·B';

export const CASES: readonly (readonly [number, Layout])[] = [
  [64, 'A·B'],
  [128, 'A·B'],
  [256, 'A·B'],
  [512, 'A·B'],
  [1024, 'A·B'],
  [512, 'A·Bᵀ'],
  [512, 'Aᵀ·B'],
];

interface Timed {
  m: Measurement | undefined;
  out: Float32Array;
}

async function timeTorchlet(
  n: number,
  layout: Layout,
  a: Float32Array,
  b: Float32Array,
  signal: AbortSignal,
): Promise<Timed> {
  const ta = tensor(a).reshape([n, n]);
  const tb = tensor(b).reshape([n, n]);
  // Transposed operands are strided views (.mT): what a user writes, with no copy.
  const lhs = layout === 'Aᵀ·B' ? ta.mT : ta;
  const rhs = layout === 'A·Bᵀ' ? tb.mT : tb;
  // torchlet's CPU ops are eager and their results are JS typed arrays, so nothing is left to sync.
  const m = await measure(`torchlet ${layout} ${n}`, () => void matmul(lhs, rhs), signal);
  return { m, out: matmul(lhs, rhs).dataSync() as Float32Array };
}

async function timeTfjs(
  backend: TfjsBackendName,
  n: number,
  layout: Layout,
  a: Float32Array,
  b: Float32Array,
  signal: AbortSignal,
): Promise<Timed> {
  const tf = await tfjsBackend(backend);
  const ta = tf.tensor2d(a, [n, n]);
  const tb = tf.tensor2d(b, [n, n]);
  const run = () => tf.matMul(ta, tb, layout === 'Aᵀ·B', layout === 'A·Bᵀ');
  try {
    // dataSync() inside the timed call, so any deferred work is counted; dispose() frees it.
    const m = await measure(
      `tfjs-${backend} ${layout} ${n}`,
      () => {
        const c = run();
        c.dataSync();
        c.dispose();
      },
      signal,
    );
    const c = run();
    const out = c.dataSync() as Float32Array;
    c.dispose();
    return { m, out };
  } finally {
    ta.dispose();
    tb.dispose();
  }
}

/** The gpu.js timings of one case: matmul + readback, and the readback alone. */
interface GpujsTimed {
  matmul: Measurement | undefined;
  read: Measurement | undefined;
}

async function timeGpujs(
  mode: GpujsMode,
  n: number,
  layout: Layout,
  a: Float32Array,
  b: Float32Array,
  signal: AbortSignal,
): Promise<(GpujsTimed & { out: Float32Array }) | undefined> {
  const backend = await gpujsBackend(mode);
  if (backend === undefined) return undefined;
  // Uploaded once, outside the timing: tensors stay on the device between ops.
  const ta = tensor(a, { backend }).reshape([n, n]);
  const tb = tensor(b, { backend }).reshape([n, n]);
  const lhs = layout === 'Aᵀ·B' ? ta.mT : ta;
  const rhs = layout === 'A·Bᵀ' ? tb.mT : tb;
  try {
    // dataSync() inside the timed call, as for tfjs: on a GL device the kernel only finishes
    // when its texture is read back, and a user pays the readback to see the values.
    const m = await measure(
      `gpujs-${mode} ${layout} ${n}`,
      () => {
        const c = matmul(lhs, rhs);
        c.dataSync();
        c.dispose();
      },
      signal,
    );
    const c = matmul(lhs, rhs);
    const out = Float32Array.from(c.dataSync());
    const read = await measure(`gpujs-${mode} read ${n}²`, () => void c.dataSync(), signal);
    c.dispose();
    return { matmul: m, read, out };
  } finally {
    ta.dispose();
    tb.dispose();
  }
}

/**
 * Threads torchlet's float32 matmul splits an n×n product over: products under 2·128³ flops stay
 * on the calling thread (`wasmMatmulSettings.minParallelFlops` in packages/tensor, with m and n
 * rounded up to its 2×16 tiles, which changes nothing at these sizes).
 */
function torchletThreads(n: number): number {
  return 2 * n ** 3 >= 2 * 128 ** 3 ? getNumThreads() : 1;
}

/** Guards the table against a benchmark bug: all three must compute the same product. */
function expectSame(what: string, x: Float32Array, y: Float32Array): void {
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]));
  if (!(worst < 1e-2)) throw new Error(`${what}: results differ by up to ${worst}`);
}

/**
 * The float32 matmul suite: square A·B at n = 64…1024, and A·Bᵀ and Aᵀ·B at n = 512, each on
 * the same random inputs for torchlet (public `matmul`), tfjs-backend-cpu and tfjs-backend-wasm,
 * and for the square A·B sizes also on torchlet's gpu.js backend in each mode that runs here
 * (cpu, webasm, and headlessgl under Xvfb with `gl` built), sizes capped per mode.
 * Throughput is 2n³ flops over the median time. First, the wasm SIMD roofline (`measureRoofline`,
 * ~3 s): each torchlet row is reported as a share of it, in the last row's detail lines.
 *
 * @example
 * ```ts
 * const rows = await matmulBench(AbortSignal.timeout(120_000));
 * ```
 */
export async function matmulBench(signal: AbortSignal): Promise<ReportRow[]> {
  const rows: ReportRow[] = [];
  const lastMs = new Map<GpujsMode, { n: number; ms: number }>();
  // Measured before the products, with the gemm workers idle, so nothing else competes.
  const roof = signal.aborted ? undefined : await measureRoofline(getNumThreads());
  if (roof !== undefined) {
    const [one, all] = [roof.oneThread, roof.allThreads].map((x) => x.toFixed(1));
    console.error(`  roofline: ${one} GFLOP/s on 1 thread, ${all} on ${roof.threads}`);
  }
  for (const [n, layout] of CASES) {
    const a = randomFloat32(n * n, 2 * n);
    const b = randomFloat32(n * n, 2 * n + 1);
    const torchlet = await timeTorchlet(n, layout, a, b, signal);
    const cpu = await timeTfjs('cpu', n, layout, a, b, signal);
    const wasm = await timeTfjs('wasm', n, layout, a, b, signal);
    expectSame(`matmul ${layout} n=${n} torchlet vs tfjs-cpu`, torchlet.out, cpu.out);
    expectSame(`matmul ${layout} n=${n} torchlet vs tfjs-wasm`, torchlet.out, wasm.out);
    const row: ReportRow = {
      suite: 'matmul f32',
      case: `${layout} n=${n}`,
      unit: 'GFLOP/s',
      work: 2 * n ** 3,
      torchlet: torchlet.m,
      tfjsCpu: cpu.m,
      tfjsWasm: wasm.m,
      roofline: roof && { probe: roof, threads: torchletThreads(n) },
    };
    // gpu.js rows for the square A·B sizes, on the same inputs, checked against torchlet's CPU.
    if (layout === 'A·B') {
      row.gpujs = {};
      for (const mode of GPUJS_MODES) {
        const last = lastMs.get(mode);
        if (last !== undefined && last.ms * (n / last.n) ** 3 > GPUJS_MAX_CALL_MS) continue;
        const g = await timeGpujs(mode, n, layout, a, b, signal);
        if (g === undefined) continue;
        expectSame(`matmul ${layout} n=${n} torchlet vs gpujs-${mode}`, torchlet.out, g.out);
        row.gpujs[mode] = { call: g.matmul, read: g.read };
        const gflops = g.matmul === undefined ? '—' : (row.work / g.matmul.ms / 1e6).toFixed(2);
        console.error(`  ${row.case} gpujs-${mode}: ${gflops} GFLOP/s`);
        if (g.matmul !== undefined) lastMs.set(mode, { n, ms: g.matmul.ms });
      }
    }
    rows.push(row);
    console.error(`  ${rowSummary(row)}`);
  }
  if (roof !== undefined) rows[rows.length - 1].detail = rooflineDetail(roof, rows);
  return rows;
}
