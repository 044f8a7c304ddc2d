/**
 * The y range a plot of `values` uses: from 0 (or the minimum, if negative) to the maximum,
 * widened to [lo, lo + 1] when flat at zero so that scaling never divides by zero. Starting at
 * 0 keeps the height of the curve proportional to the lr. @internal
 *
 * @example
 * ```ts
 * valueRange([3e-4, 1e-4]); // { lo: 0, hi: 3e-4 }
 * ```
 */
export function valueRange(values: readonly number[]): { lo: number; hi: number } {
  let lo = 0;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return { lo, hi: hi > lo ? hi : lo + 1 };
}
