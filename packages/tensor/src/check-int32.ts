/** The smallest int32. */
export const INT32_MIN = -2147483648;
/** The largest int32. */
export const INT32_MAX = 2147483647;

/**
 * True when `value` converts to int32 without overflow. Fractions truncate toward zero later;
 * like PyTorch the bounds apply to the value itself, so 2147483647.5 and NaN do not fit.
 */
export function fitsInt32(value: number): boolean {
  return value >= INT32_MIN && value <= INT32_MAX;
}

/**
 * The error for a value that int32 cannot hold: names the op, the value (and its index, when
 * there is one) and the fix.
 *
 * @example
 * ```ts
 * int32RangeError('tensor', 3e9, "use dtype 'float64'", 0).message;
 * // "tensor: 3000000000 (at index 0) is out of range for int32 ([-2147483648, 2147483647]); use dtype 'float64'"
 * ```
 */
export function int32RangeError(
  op: string,
  value: number,
  fix: string,
  index?: number,
): RangeError {
  const at = index === undefined ? '' : ` (at index ${index})`;
  return new RangeError(
    `${op}: ${value}${at} is out of range for int32 ([${INT32_MIN}, ${INT32_MAX}]); ${fix}`,
  );
}

/**
 * The position (0-based, in visiting order) of the first of `count` values read from `start` in
 * steps of `stride` that int32 cannot hold, or -1. The hot loop of every int32 check.
 */
export function firstOutsideInt32(
  values: ArrayLike<number>,
  start: number,
  count: number,
  stride: number,
): number {
  for (let j = 0, i = start; j < count; j++, i += stride) {
    const v = values[i];
    if (!(v >= INT32_MIN && v <= INT32_MAX)) return j;
  }
  return -1;
}

/**
 * Throws {@link int32RangeError} for the first of `values` that int32 cannot hold. Creation
 * functions run it on host values bound for an int32 tensor, so nothing wraps silently.
 *
 * @example
 * ```ts
 * checkInt32('tensor', [1, 2.5, -3], "use dtype 'float64'"); // fine: 2.5 truncates to 2
 * checkInt32('tensor', [1, NaN], "use dtype 'float64'"); // RangeError: tensor: NaN (at index 1) …
 * ```
 */
export function checkInt32(op: string, values: ArrayLike<number>, fix: string): void {
  const i = firstOutsideInt32(values, 0, values.length, 1);
  if (i >= 0) throw int32RangeError(op, values[i], fix, i);
}
