/**
 * The largest absolute difference between two equally long arrays.
 *
 * @example
 * ```ts
 * maxAbsDiff([1, 2], [1, 2.5]); // 0.5
 * ```
 */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths ${a.length} and ${b.length} differ`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

/**
 * Throws unless `a` and `b` agree within `tolerance` everywhere (NaN never agrees): guards a
 * table against a fast wrong row, as every implementation must compute the same values.
 *
 * @example
 * ```ts
 * expectClose('attention tfjs-wasm output', torchletOutput, tfjsOutput);
 * ```
 */
export function expectClose(
  what: string,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  tolerance = 1e-4,
): void {
  const worst = maxAbsDiff(a, b);
  if (!(worst < tolerance)) throw new Error(`${what}: results differ by up to ${worst}`);
}
