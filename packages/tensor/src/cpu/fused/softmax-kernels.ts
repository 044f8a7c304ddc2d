import type { View } from '../../backend';
import { allocTyped, type DType, type TypedArray } from '../../dtype';
import { numel } from '../../shape';
import { lastDim, rowExpSum, rowMax } from './row-reductions';

/**
 * Softmax, or log-softmax when `log`, over the last dim of a contiguous view. Each row is shifted
 * by its max first, so large logits neither overflow nor lose their small differences.
 *
 * @example
 * ```ts
 * softmaxKernel(view, true, 'float32'); // log-probabilities, row by row
 * ```
 */
export function softmaxKernel(x: View<TypedArray>, log: boolean, dtype: DType) {
  const n = numel(x.shape);
  const cols = lastDim(x.shape);
  const out = allocTyped(dtype, n);
  const X = x.buffer;
  if (cols === 0) return out;
  for (let r = 0; r < n; r += cols) {
    const base = x.offset + r;
    const max = rowMax(X, base, cols);
    const sum = rowExpSum(X, base, cols, max);
    if (log) {
      const shift = max + Math.log(sum);
      for (let j = 0; j < cols; j++) out[r + j] = X[base + j] - shift;
    } else {
      const inv = 1 / sum;
      for (let j = 0; j < cols; j++) out[r + j] = Math.exp(X[base + j] - max) * inv;
    }
  }
  return out;
}

/**
 * The input gradient of softmax (`y · (g − Σ g·y)`) or log-softmax (`g − eˣ·Σ g`, with `x` the
 * output) over the last dim, from the output and its gradient.
 *
 * @example
 * ```ts
 * softmaxBackwardKernel(gradView, outputView, false, 'float32');
 * ```
 */
export function softmaxBackwardKernel(
  grad: View<TypedArray>,
  output: View<TypedArray>,
  log: boolean,
  dtype: DType,
) {
  const n = numel(output.shape);
  const cols = lastDim(output.shape);
  const out = allocTyped(dtype, n);
  const G = grad.buffer;
  const Y = output.buffer;
  if (cols === 0) return out;
  for (let r = 0; r < n; r += cols) {
    const gb = grad.offset + r;
    const yb = output.offset + r;
    let dot = 0;
    if (log) {
      for (let j = 0; j < cols; j++) dot += G[gb + j];
      for (let j = 0; j < cols; j++) out[r + j] = G[gb + j] - Math.exp(Y[yb + j]) * dot;
    } else {
      for (let j = 0; j < cols; j++) dot += G[gb + j] * Y[yb + j];
      for (let j = 0; j < cols; j++) out[r + j] = Y[yb + j] * (G[gb + j] - dot);
    }
  }
  return out;
}
