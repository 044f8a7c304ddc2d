import type { TypedArray } from '../../dtype';

/** Size of the last dim: the row length the row kernels walk (1 for a 0-d tensor). */
export function lastDim(shape: readonly number[]): number {
  return shape.length === 0 ? 1 : shape[shape.length - 1];
}

/**
 * The max of `cols` elements from `X[base]`; NaN wins, as in PyTorch (the row's softmax and
 * cross entropy become NaN).
 */
export function rowMax(X: TypedArray, base: number, cols: number): number {
  let max = -Infinity;
  for (let j = 0; j < cols; j++) {
    const v = X[base + j];
    if (v > max || v !== v) max = v;
  }
  return max;
}

/** `Σ exp(x − max)` over `cols` elements from `X[base]`, in doubles. */
export function rowExpSum(X: TypedArray, base: number, cols: number, max: number): number {
  let sum = 0;
  for (let j = 0; j < cols; j++) sum += Math.exp(X[base + j] - max);
  return sum;
}
