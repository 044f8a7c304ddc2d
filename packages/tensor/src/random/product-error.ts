// 2²⁷ + 1: splits a double into two halves of 26 bits whose products are exact.
const SPLITTER = 134217729;

/**
 * The rounding error of `p = a * b`, exactly (Dekker's TwoProduct): `a·b = p + error` in real
 * arithmetic, for finite products that neither overflow nor underflow.
 *
 * @example
 * ```ts
 * const p = 0.1 * 0.3;
 * productError(0.1, 0.3, p); // what p rounded away
 * ```
 */
export function productError(a: number, b: number, p: number): number {
  const ca = SPLITTER * a;
  const aHi = ca - (ca - a);
  const aLo = a - aHi;
  const cb = SPLITTER * b;
  const bHi = cb - (cb - b);
  const bLo = b - bHi;
  return aLo * bLo - (p - aHi * bHi - aHi * bLo - aLo * bHi);
}
