import type { AdamStepOptions, View } from '../../backend';
import type { CpuAccelerator } from '../cpu-accelerator';
import type { DType, TypedArray } from '../../dtype';
import { numel } from '../../shape';

/**
 * One Adam/AdamW update, in place on contiguous buffers, in torch.optim's order of operations
 * (single-tensor path). For float32 every intermediate is rounded as PyTorch's float kernels
 * round it (`add_` with alpha and the weight-decay add are fused multiply-adds there), so the
 * result matches torch bit for bit or within an ulp.
 *
 * @example
 * ```ts
 * adamStepKernel(p, g, m, v, { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01, decoupled: true, step: 1 }, 'float32');
 * ```
 */
export function adamStepKernel(
  param: View<TypedArray>,
  grad: View<TypedArray>,
  expAvg: View<TypedArray>,
  expAvgSq: View<TypedArray>,
  o: AdamStepOptions,
  dtype: DType,
  accelerator?: CpuAccelerator,
) {
  const n = numel(param.shape);
  const P = param.buffer;
  const G = grad.buffer;
  const M = expAvg.buffer;
  const V = expAvgSq.buffer;
  const po = param.offset;
  const go = grad.offset;
  const mo = expAvg.offset;
  const vo = expAvgSq.offset;
  const f32 = dtype === 'float32';
  const r = (v: number): number => (f32 ? Math.fround(v) : v);
  // Python computes these scalars in doubles; the float kernels then cast them to float.
  const decay = r(o.decoupled ? 1 - o.lr * o.weightDecay : 1);
  const l2 = r(o.decoupled ? 0 : o.weightDecay);
  const b1 = r(o.beta1);
  const oneMinusB1 = r(1 - o.beta1);
  const b2 = r(o.beta2);
  const oneMinusB2 = r(1 - o.beta2);
  const bc2Sqrt = r(Math.sqrt(1 - o.beta2 ** o.step));
  const stepSize = r(-(o.lr / (1 - o.beta1 ** o.step)));
  const eps = r(o.eps);
  const scalars = [decay, l2, b1, oneMinusB1, b2, oneMinusB2, bc2Sqrt, stepSize, eps];
  if (
    f32 &&
    accelerator?.adamStep(
      (P as Float32Array).subarray(po, po + n),
      (G as Float32Array).subarray(go, go + n),
      (M as Float32Array).subarray(mo, mo + n),
      (V as Float32Array).subarray(vo, vo + n),
      scalars,
    ) === true
  ) {
    // Done by the accelerator (WebAssembly SIMD), same float32 results.
  } else if (f32) {
    adamFloat32(
      P as Float32Array,
      G as Float32Array,
      M as Float32Array,
      V as Float32Array,
      n,
      [po, go, mo, vo],
      scalars,
    );
  } else {
    for (let i = 0; i < n; i++) {
      let p = P[po + i];
      let g = G[go + i];
      if (decay !== 1) p = p * decay;
      if (l2 !== 0) g = g + l2 * p;
      const m = M[mo + i] * b1 + oneMinusB1 * g;
      const v = V[vo + i] * b2 + oneMinusB2 * g * g;
      P[po + i] = p + (stepSize * m) / (Math.sqrt(v) / bc2Sqrt + eps);
      M[mo + i] = m;
      V[vo + i] = v;
    }
  }
  return { param: P, expAvg: M, expAvgSq: V };
}

/** The float32 loop on its own, so every access in it stays monomorphic. */
function adamFloat32(
  P: Float32Array,
  G: Float32Array,
  M: Float32Array,
  V: Float32Array,
  n: number,
  offsets: readonly number[],
  scalars: readonly number[],
): void {
  const [po, go, mo, vo] = offsets;
  const [decay, l2, b1, oneMinusB1, b2, oneMinusB2, bc2Sqrt, stepSize, eps] = scalars;
  // Math.fround after each float operation: exactly the float32 result of that operation.
  for (let i = 0; i < n; i++) {
    // With decay 1 and l2 0 these are exact no-ops; branch-free keeps the loop tight.
    const p = Math.fround(P[po + i] * decay);
    const g = Math.fround(G[go + i] + l2 * p);
    const m = Math.fround(Math.fround(M[mo + i] * b1) + oneMinusB1 * g);
    const v = Math.fround(
      Math.fround(V[vo + i] * b2) + Math.fround(Math.fround(oneMinusB2 * g) * g),
    );
    const denom = Math.fround(Math.fround(Math.fround(Math.sqrt(v)) / bc2Sqrt) + eps);
    P[po + i] = p + Math.fround(Math.fround(stepSize * m) / denom);
    M[mo + i] = m;
    V[vo + i] = v;
  }
}
