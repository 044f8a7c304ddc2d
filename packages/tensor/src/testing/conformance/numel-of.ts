// Naive index arithmetic, the reference for every strided read.

/** Number of elements of `shape` (1 for a 0-d shape). */
export function numelOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}
