// Fixed-point fraction bits. The result is at least ~6e-17 (2^-54) for any double argument
// in range, so 2^-160 absolute error leaves ~100 bits of margin for the final rounding.
const FRACTION_BITS = 160n;
const ONE = 1n << FRACTION_BITS;
const SCALE = 2 ** Number(FRACTION_BITS);
// Beyond this, the reduction k * (pi / 2) would eat into the margin; lr schedules only ever
// pass arguments in [0, pi].
const MAX_ARGUMENT = 2 ** 20;

let cachedHalfPi: bigint | undefined;

/** arctan(1 / m) scaled by 2^bits, by its alternating Taylor series. */
function arctanOfInverse(m: bigint, bits: bigint): bigint {
  const mSquared = m * m;
  let power = (1n << bits) / m;
  let sum = power;
  for (let n = 3n, sign = -1n; power !== 0n; n += 2n, sign = -sign) {
    power /= mSquared;
    sum += (sign * power) / n;
  }
  return sum;
}

/** pi / 2 in fixed point, from Machin's formula with 32 guard bits; computed on first use. */
function halfPi(): bigint {
  if (cachedHalfPi === undefined) {
    const guard = 32n;
    const bits = FRACTION_BITS + guard;
    const quarterPi = 4n * arctanOfInverse(5n, bits) - arctanOfInverse(239n, bits);
    cachedHalfPi = (2n * quarterPi) >> guard;
  }
  return cachedHalfPi;
}

/** cos(r) or sin(r) for fixed-point |r| <= pi/4, summing Taylor terms until they vanish. */
function taylor(r: bigint, wantSine: boolean): bigint {
  const rSquared = (r * r) >> FRACTION_BITS;
  let term = wantSine ? r : ONE;
  let sum = term;
  for (let n = wantSine ? 2n : 1n; term !== 0n; n += 2n) {
    term = -((term * rSquared) >> FRACTION_BITS) / (n * (n + 1n));
    sum += term;
  }
  return sum;
}

/**
 * The cosine of `x`, correctly rounded to the nearest double.
 *
 * `Math.cos` in V8 is fdlibm's, which is off by one unit in the last place for a few percent of
 * arguments, while Python's `math.cos` (glibc) is correctly rounded for all but ~0.15% of them.
 * Cosine schedules use this so that their values match those computed in Python bit for bit.
 * Arguments beyond 2^20 in magnitude fall back to `Math.cos`. @internal
 *
 * @example
 * ```ts
 * correctlyRoundedCos(Math.PI / 2); // 6.123233995736766e-17
 * ```
 */
export function correctlyRoundedCos(x: number): number {
  const magnitude = Math.abs(x);
  if (!(magnitude <= MAX_ARGUMENT)) return Math.cos(x);
  // Below 2^-27, 1 - x^2/2 is closer to 1 than to the next double down.
  if (magnitude < 2 ** -27) return 1;
  // magnitude * 2^160 is an integer: the smallest ulp here is 2^-79.
  const scaled = BigInt(magnitude * SCALE);
  const half = halfPi();
  const k = (2n * scaled + half) / (2n * half); // nearest multiple of pi/2
  const r = scaled - k * half;
  const quadrant = Number(k % 4n);
  const value =
    quadrant === 0
      ? taylor(r, false)
      : quadrant === 1
        ? -taylor(r, true)
        : quadrant === 2
          ? -taylor(r, false)
          : taylor(r, true);
  // Number(bigint) rounds to nearest (ties to even); dividing by 2^160 is exact.
  return Number(value) / SCALE;
}
