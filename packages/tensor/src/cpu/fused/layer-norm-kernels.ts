import type { View } from '../../backend';
import { allocTyped, type DType, type TypedArray } from '../../dtype';
import { numel } from '../../shape';
import { lastDim } from './row-reductions';

/**
 * Layer normalisation of each row of a contiguous `[rows, cols]` view: two passes in double
 * precision (mean, then the centred variance), then `(x − mean) · rstd · weight + bias`.
 *
 * @example
 * ```ts
 * const { output, mean, rstd } = layerNormKernel(x, weight, bias, 1e-5, 'float32');
 * ```
 */
export function layerNormKernel(
  x: View<TypedArray>,
  weight: View<TypedArray> | null,
  bias: View<TypedArray> | null,
  eps: number,
  dtype: DType,
) {
  const n = numel(x.shape);
  const cols = lastDim(x.shape);
  const rows = cols === 0 ? 0 : n / cols;
  const output = allocTyped(dtype, n);
  const mean = allocTyped(dtype, rows);
  const rstd = allocTyped(dtype, rows);
  const X = x.buffer;
  const W = weight?.buffer;
  const B = bias?.buffer;
  const wo = weight?.offset ?? 0;
  const bo = bias?.offset ?? 0;
  for (let r = 0; r < rows; r++) {
    const base = x.offset + r * cols;
    let s = 0;
    for (let j = 0; j < cols; j++) s += X[base + j];
    const mu = s / cols;
    let ss = 0;
    for (let j = 0; j < cols; j++) {
      const d = X[base + j] - mu;
      ss += d * d;
    }
    const rs = 1 / Math.sqrt(ss / cols + eps);
    mean[r] = mu;
    rstd[r] = rs;
    const o = r * cols;
    for (let j = 0; j < cols; j++) {
      let y = (X[base + j] - mu) * rs;
      if (W !== undefined) y *= W[wo + j];
      if (B !== undefined) y += B[bo + j];
      output[o + j] = y;
    }
  }
  return { output, mean, rstd };
}

/**
 * Gradients of {@link layerNormKernel}: with `x̂ = (x − mean)·rstd` and `ĝ = g·weight`,
 * `dx = rstd·(ĝ − mean(ĝ) − x̂·mean(ĝ·x̂))`, `dweight = Σ g·x̂` and `dbias = Σ g` over rows.
 *
 * @example
 * ```ts
 * const { gradInput, gradWeight, gradBias } = layerNormBackwardKernel(g, x, mean, rstd, w, 'float32');
 * ```
 */
export function layerNormBackwardKernel(
  grad: View<TypedArray>,
  x: View<TypedArray>,
  mean: View<TypedArray>,
  rstd: View<TypedArray>,
  weight: View<TypedArray> | null,
  dtype: DType,
) {
  const n = numel(x.shape);
  const cols = lastDim(x.shape);
  const rows = cols === 0 ? 0 : n / cols;
  const gradInput = allocTyped(dtype, n);
  // Column sums accumulate in doubles, then round once.
  const gw = new Float64Array(cols);
  const gb = new Float64Array(cols);
  const G = grad.buffer;
  const X = x.buffer;
  const M = mean.buffer;
  const R = rstd.buffer;
  const W = weight?.buffer;
  const wo = weight?.offset ?? 0;
  for (let r = 0; r < rows; r++) {
    const gBase = grad.offset + r * cols;
    const xBase = x.offset + r * cols;
    const mu = M[mean.offset + r];
    const rs = R[rstd.offset + r];
    let sumG = 0;
    let sumGX = 0;
    for (let j = 0; j < cols; j++) {
      const g = G[gBase + j];
      const xhat = (X[xBase + j] - mu) * rs;
      const gh = W !== undefined ? g * W[wo + j] : g;
      sumG += gh;
      sumGX += gh * xhat;
      gw[j] += g * xhat;
      gb[j] += g;
    }
    const meanG = sumG / cols;
    const meanGX = sumGX / cols;
    const o = r * cols;
    for (let j = 0; j < cols; j++) {
      const xhat = (X[xBase + j] - mu) * rs;
      const gh = W !== undefined ? G[gBase + j] * W[wo + j] : G[gBase + j];
      gradInput[o + j] = rs * (gh - meanG - xhat * meanGX);
    }
  }
  const gradWeight = allocTyped(dtype, cols);
  const gradBias = allocTyped(dtype, cols);
  gradWeight.set(gw);
  gradBias.set(gb);
  return { gradInput, gradWeight, gradBias };
}
