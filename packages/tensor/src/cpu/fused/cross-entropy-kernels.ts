import type { View } from '../../backend';
import { allocTyped, type DType, type TypedArray } from '../../dtype';
import { rowExpSum, rowMax } from './row-reductions';

function targetError(k: number, cols: number): RangeError {
  return new RangeError(`crossEntropy: target ${k} is out of bounds for ${cols} classes`);
}

/**
 * Cross entropy over the rows of contiguous `[rows, cols]` logits in one pass per row:
 * `logSumExp(row) − row[target]`, shifted by the row max, accumulated in doubles.
 *
 * @example
 * ```ts
 * const { loss, count, logSumExp } = crossEntropyKernel(logits, target, -100, true, 'float32');
 * ```
 */
export function crossEntropyKernel(
  logits: View<TypedArray>,
  target: View<TypedArray>,
  ignoreIndex: number,
  mean: boolean,
  dtype: DType,
) {
  const [rows, cols] = logits.shape;
  const X = logits.buffer;
  const T = target.buffer;
  const logSumExp = allocTyped(dtype, rows);
  let total = 0;
  let kept = 0;
  for (let r = 0; r < rows; r++) {
    const base = logits.offset + r * cols;
    const max = rowMax(X, base, cols);
    const sum = rowExpSum(X, base, cols, max);
    const lse = max + Math.log(sum);
    logSumExp[r] = lse;
    const k = T[target.offset + r];
    if (k === ignoreIndex) continue;
    if (k < 0 || k >= cols) throw targetError(k, cols);
    // (x − max) − log Σ, as log-softmax computes it: no cancellation near large logits.
    total -= X[base + k] - max - Math.log(sum);
    kept++;
  }
  const loss = allocTyped(dtype, 1);
  loss[0] = mean ? total / kept : total;
  const count = allocTyped(dtype, 1);
  count[0] = kept;
  return { loss, count, logSumExp };
}

/**
 * `scale · (softmax(x) − onehot(target))` for kept rows of contiguous `[rows, cols]` logits,
 * 0 for rows whose target is `ignoreIndex`, with the forward's per-row log-sum-exp.
 *
 * @example
 * ```ts
 * const dx = crossEntropyBackwardKernel(scale, logits, target, lse, -100, 'float32');
 * ```
 */
export function crossEntropyBackwardKernel(
  scale: View<TypedArray>,
  logits: View<TypedArray>,
  target: View<TypedArray>,
  logSumExp: View<TypedArray>,
  ignoreIndex: number,
  dtype: DType,
) {
  const [rows, cols] = logits.shape;
  const out = allocTyped(dtype, rows * cols);
  const s = scale.buffer[scale.offset];
  const X = logits.buffer;
  const T = target.buffer;
  const L = logSumExp.buffer;
  for (let r = 0; r < rows; r++) {
    const k = T[target.offset + r];
    if (k === ignoreIndex) continue;
    if (k < 0 || k >= cols) throw targetError(k, cols);
    const base = logits.offset + r * cols;
    const lse = L[logSumExp.offset + r];
    const o = r * cols;
    for (let j = 0; j < cols; j++) out[o + j] = s * Math.exp(X[base + j] - lse);
    out[o + k] -= s;
  }
  return out;
}
