const TWO_OVER_SQRT_PI = 1.1283791670955126;
const INV_SQRT_PI = 0.5641895835477563;

/**
 * The error function to double precision (JavaScript has no Math.erf).
 * A Maclaurin series for |x| < 2.5 (at most ~45 terms) and Lentz's continued fraction for erfc
 * beyond, where the series would lose digits to cancellation.
 *
 * @example
 * ```ts
 * erf(1); // 0.8427007929497149
 * ```
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 2.5) {
    // erf(x) = 2/sqrt(pi) * sum_n (-1)^n x^(2n+1) / (n! (2n+1))
    const x2 = x * x;
    let term = x;
    let sum = x;
    for (let n = 1; n < 100; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return TWO_OVER_SQRT_PI * sum;
  }
  if (ax > 6) return x > 0 ? 1 : -1;
  const result = 1 - erfcLarge(ax);
  return x > 0 ? result : -result;
}

/** erfc(x) for x >= 2.5 by the continued fraction x + 1/2 / (x + 1 / (x + 3/2 / (x + …))). */
function erfcLarge(x: number): number {
  const tiny = 1e-300;
  // Modified Lentz on b0 + a1/(b1 + a2/(b2 + …)) with b_n = x, a_n = n/2.
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 200; n++) {
    const a = n / 2;
    d = x + a * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = x + a / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (Math.exp(-x * x) * INV_SQRT_PI) / f;
}
