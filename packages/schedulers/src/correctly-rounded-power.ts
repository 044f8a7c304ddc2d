// Mantissas are kept to 128 bits. Each product truncates by less than 2^-127 relative, and
// binary exponentiation up to exponent 2^30 compounds that to under 2^-97: far below the
// 2^-53 that separates a double from the midpoints next to it.
const BITS = 128n;
const TOP = 1n << (BITS - 1n);

interface Wide {
  mantissa: bigint; // in [2^127, 2^128)
  exponent: number; // value = mantissa * 2^exponent
}

function toWide(x: number): Wide {
  // x = integer * 2^shift for positive normal or subnormal x; scale until it is an integer.
  let shift = 0;
  let scaled = x;
  while (!Number.isInteger(scaled)) {
    scaled *= 2 ** 64;
    shift -= 64;
  }
  let mantissa = BigInt(scaled);
  let exponent = shift;
  while (mantissa < TOP) {
    mantissa <<= 64n;
    exponent -= 64;
  }
  return normalize(mantissa, exponent);
}

function normalize(mantissa: bigint, exponent: number): Wide {
  let m = mantissa;
  let e = exponent;
  while (m >= TOP << 1n) {
    const excess = BigInt(m.toString(2).length) - BITS;
    m >>= excess;
    e += Number(excess);
  }
  while (m < TOP) {
    m <<= 1n;
    e -= 1;
  }
  return { mantissa: m, exponent: e };
}

function multiply(a: Wide, b: Wide): Wide {
  return normalize(a.mantissa * b.mantissa, a.exponent + b.exponent);
}

/**
 * `base ** exponent` for a non-negative integer exponent, correctly rounded to the nearest
 * double.
 *
 * V8's `**` multiplies by repeated squaring for integer exponents, so `0.9 ** 29` comes out one
 * unit in the last place away from Python's (glibc) `0.9 ** 29`. Step-decay schedules use this
 * so that their closed forms equal PyTorch's `_get_closed_form_lr` bit for bit. Negative bases
 * and results outside the normal double range fall back to `**`. @internal
 *
 * @example
 * ```ts
 * correctlyRoundedPower(0.9, 29); // 0.047101286972462485 (0.9 ** 29 gives ...248)
 * ```
 */
export function correctlyRoundedPower(base: number, exponent: number): number {
  const fallback = base ** exponent;
  if (!(base > 0) || !Number.isInteger(exponent) || exponent < 0 || exponent > 2 ** 30)
    return fallback;
  // Results near overflow or in the subnormal range would need another rounding step.
  if (!(fallback > 2 ** -1020 && fallback < 2 ** 1020)) return fallback;
  let result: Wide = { mantissa: TOP, exponent: -127 }; // 1
  let square = toWide(base);
  for (let k = exponent; k > 0; k = Math.floor(k / 2)) {
    if (k % 2 === 1) result = multiply(result, square);
    if (k > 1) square = multiply(square, square);
  }
  // Number(bigint) rounds to nearest, ties to even; the rest are exact power-of-two scalings.
  return Number(result.mantissa) * 2 ** -127 * 2 ** (result.exponent + 127);
}
