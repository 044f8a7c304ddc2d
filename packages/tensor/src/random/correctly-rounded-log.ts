import { productError } from './product-error';
// Scratch views to read and set the exponent of a double; the high word sits second on
// little-endian hosts.
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const TWO_POW_54 = 2 ** 54;
// ln 2 as a double-double: the double nearest to it, and the double nearest to the remainder.
const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17;
// atanh(s) = s · Σ z^k / (2k + 1) with z = s²; |s| <= 3 - 2√2 so z < 2^-5. Terms from k = 11
// on are below 2^-55 of the sum and may be summed in plain doubles; earlier ones need the low
// parts of their coefficients. 22 terms leave a truncation error under 2^-110.
const TERMS = 22;
const DOUBLE_DOUBLE_TERMS = 11;
const COEF_HI = new Float64Array(TERMS);
const COEF_LO = new Float64Array(TERMS);
for (let k = 0; k < TERMS; k++) {
  const d = 2 * k + 1;
  const hi = 1 / d;
  COEF_HI[k] = hi;
  // 1/d - hi = (1 - hi·d) / d, where hi·d is split exactly into a product and its error.
  const p = hi * d;
  COEF_LO[k] = (1 - p - productError(hi, d, p)) / d;
}

/**
 * The natural logarithm rounded correctly to the nearest double (up to inputs whose logarithm
 * lies within about 2^-100 of a rounding midpoint).
 *
 * PyTorch's CPU samplers call glibc's `log`, which is correctly rounded for all but about 0.1% of
 * the `1 - u` a sampler feeds it (there it is one ulp off); V8's `Math.log` is one ulp off for
 * about 7%. So ports of samplers that take a double logarithm, like `exponential_`, call this
 * instead of `Math.log`, and agree with PyTorch bit for bit 99.9% of the time. It
 * evaluates log(m·2^e) = e·ln 2 + 2·atanh((m - 1)/(m + 1)) in double-double arithmetic and rounds
 * the sum once.
 *
 * @example
 * ```ts
 * correctlyRoundedLog(0.09); // -2.4079456086518722, as glibc; Math.log gives -2.407945608651872
 * ```
 */
export function correctlyRoundedLog(x: number): number {
  if (!(x > 0) || x === Infinity) return Math.log(x); // NaN, negatives, 0 and +Infinity
  if (x === 1) return 0;
  let exponent = 0;
  if (x < 2 ** -1022) {
    x *= TWO_POW_54; // subnormal: make it normal first
    exponent = -54;
  }
  f64[0] = x;
  const hiWord = u32[HI]!;
  exponent += ((hiWord >>> 20) & 0x7ff) - 1023;
  u32[HI] = (hiWord & 0x800fffff) | 0x3ff00000;
  let m = f64[0]; // x / 2^exponent, in [1, 2)
  if (m > Math.SQRT2) {
    m /= 2;
    exponent += 1;
  }
  // s = (m - 1) / (m + 1) as a double-double: m - 1 is exact, m + 1 may need a low part.
  const num = m - 1;
  const denHi = m + 1;
  const denLo = twoSumError(m, 1, denHi);
  const sHi = num / denHi;
  const p = sHi * denHi;
  // num - p is exact (they agree to within a few ulps), so the remainder loses nothing.
  const sLo = (num - p - productError(sHi, denHi, p) - sHi * denLo) / denHi;
  // z = s² as a double-double.
  const zHi = sHi * sHi;
  const zLo = productError(sHi, sHi, zHi) + 2 * sHi * sLo;
  // Horner's scheme: the small high-order terms in doubles, the rest in double-double.
  let tail = 0;
  for (let k = TERMS - 1; k >= DOUBLE_DOUBLE_TERMS; k--) tail = tail * zHi + COEF_HI[k]!;
  let accHi = tail;
  let accLo = 0;
  for (let k = DOUBLE_DOUBLE_TERMS - 1; k >= 0; k--) {
    // acc = acc · z + c_k
    const prod = accHi * zHi;
    const prodLo = productError(accHi, zHi, prod) + accHi * zLo + accLo * zHi;
    const sum = prod + COEF_HI[k]!;
    const sumLo = twoSumError(prod, COEF_HI[k]!, sum) + prodLo + COEF_LO[k]!;
    accHi = sum + sumLo;
    accLo = sumLo - (accHi - sum);
  }
  // log m = 2 · s · acc
  const tHi = sHi * accHi;
  const tLo = productError(sHi, accHi, tHi) + sHi * accLo + sLo * accHi;
  const logMHi = 2 * tHi;
  const logMLo = 2 * tLo;
  if (exponent === 0) return logMHi + logMLo;
  // e · ln 2 + log m, with e · LN2_HI exact to a double-double.
  const eHi = exponent * LN2_HI;
  const eLo = productError(exponent, LN2_HI, eHi) + exponent * LN2_LO;
  const sum = eHi + logMHi;
  const sumLo = twoSumError(eHi, logMHi, sum) + eLo + logMLo;
  return sum + sumLo;
}

/** The rounding error of `s = a + b`, exactly (Knuth's TwoSum). */
function twoSumError(a: number, b: number, s: number): number {
  const bv = s - a;
  return a - (s - bv) + (b - bv);
}
