// Naive index arithmetic, the reference for every strided read.

/** Row-major flat position of the multi-index `idx` (the inverse of `unravel`). */
export function ravel(idx: readonly number[], shape: readonly number[]): number {
  let i = 0;
  for (let d = 0; d < shape.length; d++) i = i * shape[d] + idx[d];
  return i;
}
