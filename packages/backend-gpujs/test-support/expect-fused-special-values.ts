import { cpuBackend, type Backend, type TypedArray, type View } from '@torchlet/tensor';
import type { GpuBuffer } from '../src/gpu-buffer';

const inf = Number.POSITIVE_INFINITY;
const nan = Number.NaN;

/** Softmax rows: NaN first or later, +∞, all −∞, −∞ masks, huge logits, a constant row. */
const softmaxRows = [
  [1, 2, nan, 3],
  [nan, 1, 2, 3],
  [1, inf, 2, 3],
  [-inf, -inf, -inf, -inf],
  [-inf, 0, -inf, 1],
  [1e4, 1e4 + 1, -1e4, 0],
  [3, 3, 3, 3],
];
/** GELU inputs: ±∞, NaN, ±0, values whose cube or square overflows float32, both tails. */
const geluInputs = [-inf, inf, nan, 0, -0, 1e20, -1e20, 30, -30, 1e-20, -9, 9, 5e18, -5e18];
/** Layer-norm rows: NaN, +∞, a constant row (zero variance). */
const layerNormRows = [
  [1, 2, nan, 3],
  [1, inf, 2, 3],
  [5, 5, 5, 5],
];

/**
 * Checks the gpu.js backend's fused kernels against the CPU backend's on special values the
 * conformance suite does not feed them: NaN must meet NaN and infinities match exactly, finite
 * values agree within float32 tolerance (`1e-6 + 1e-5·|want|`). Throws naming the first
 * mismatch. On GLSL this proves the NaN and ∞ handling survives the shader compiler.
 *
 * @example
 * ```ts
 * await expectFusedSpecialValues(await gpujs({ mode: 'webasm' }));
 * ```
 */
export async function expectFusedSpecialValues(backend: Backend<GpuBuffer>): Promise<void> {
  const same = async (
    label: string,
    values: number[],
    cols: number,
    op: <B>(be: Backend<B>, x: View<B>) => B,
  ): Promise<void> => {
    const run = async <B>(be: Backend<B>): Promise<number[]> => {
      const shape = [values.length / cols, cols];
      const x: View<B> = {
        buffer: be.upload(values, 'float32'),
        dtype: 'float32',
        shape,
        strides: [cols, 1],
        offset: 0,
      };
      return Array.from(await be.read(op(be, x), 'float32'));
    };
    const got = await run(backend);
    const want = await run(cpuBackend as Backend<TypedArray>);
    want.forEach((w, i) => {
      const g = got[i];
      const ok = Number.isFinite(w)
        ? Math.abs(g - w) <= 1e-6 + 1e-5 * Math.abs(w)
        : g === w || (g !== g && w !== w);
      if (!ok) throw new Error(`${label}: element ${i} is ${g}, the CPU backend gives ${w}`);
    });
  };
  for (const log of [false, true]) {
    await same(`softmax log=${log}`, softmaxRows.flat(), 4, (be, x) =>
      be.fused!.softmax!(x, log, 'float32'),
    );
  }
  for (const approximate of ['none', 'tanh'] as const) {
    const n = geluInputs.length;
    await same(`gelu ${approximate}`, geluInputs, n, (be, x) =>
      be.fused!.gelu!(x, approximate, 'float32'),
    );
    await same(`geluBackward ${approximate}`, geluInputs, n, (be, x) =>
      be.fused!.geluBackward!(x, x, approximate, 'float32'),
    );
  }
  await same('layerNorm', layerNormRows.flat(), 4, (be, x) => {
    return be.fused!.layerNorm!(x, null, null, 1e-5, 'float32').output;
  });
}
