import { fmaf } from './fma';

// PyTorch's AVX2 normal sampler evaluates log, sin and cos with the classic Cephes single-precision
// polynomials (as vectorised in "avx_mathfun"), not with libm. The functions below follow the
// instruction sequence that GCC emitted for PyTorch 1.13 (read from the Debian build's machine
// code): which multiply-adds it fused into one FMA and which it kept as a rounded multiply
// followed by an add. Every step rounds to float32 exactly like the hardware, so the results are
// bit-identical, not merely close.

const f = Math.fround;

const MIN_NORM = 2 ** -126;
const SQRT_HALF = f(0.707106781186547524);
const LOG_POLY = [
  7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1,
  -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
].map(f);
const LOG_Q1 = f(-2.1219444e-4);
const LOG_Q2 = f(0.693359375);

const FOUR_OVER_PI = f(1.27323954473516);
// pi/4 split into three floats so that x - j*pi/4 loses no bits (Cody-Waite reduction).
const PI4_A = f(-0.78515625);
const PI4_B = f(-2.4187564849853515625e-4);
const PI4_C = f(-3.77489497744594108e-8);
const COS_P0 = f(2.443315711809948e-5);
const COS_P1 = f(-1.388731625493765e-3);
const COS_P2 = f(4.166664568298827e-2);
const SIN_P0 = f(-1.9515295891e-4);
const SIN_P1 = f(8.3321608736e-3);
const SIN_P2 = f(-1.6666654611e-1);

const scratchF = new Float32Array(1);
const scratchI = new Int32Array(scratchF.buffer);

/**
 * Natural logarithm of a float32 value, rounded step by step like PyTorch 1.13's AVX2 `log256_ps`.
 * Accurate to a few float32 ulps; `x <= 0` gives NaN (the kernel never passes such values).
 *
 * @example
 * ```ts
 * avx2Log(Math.fround(0.5)); // -0.6931471824645996
 * ```
 */
export function avx2Log(x: number): number {
  if (!(x > 0)) return NaN;
  scratchF[0] = Math.max(x, MIN_NORM);
  const bits = scratchI[0]!;
  // x = m * 2^e with m in [0.5, 1); the exponent is read straight from the bits.
  let e = ((bits >>> 23) & 0xff) - 127 + 1;
  scratchI[0] = (bits & 0x807fffff) | 0x3f000000;
  let m = scratchF[0]!;
  // Keep m near 1 for the series: below sqrt(1/2) use 2m - 1 and lower the exponent.
  const small = m < SQRT_HALF;
  const keep = small ? m : 0;
  m = f(m - 1);
  if (small) e -= 1;
  m = f(keep + m);
  const z = f(m * m);
  let y = LOG_POLY[0]!;
  for (let i = 1; i < LOG_POLY.length; i++) y = fmaf(y, m, LOG_POLY[i]!);
  y = f(y * m);
  y = fmaf(y, z, f(e * LOG_Q1));
  y = f(y - z * 0.5);
  return fmaf(e, LOG_Q2, f(m + y));
}

/**
 * Sine and cosine of a float32 angle at once, rounded step by step like PyTorch 1.13's AVX2
 * `sincos256_ps`. Valid for |x| below about 8192 (the range reduction uses float32 arithmetic);
 * the normal sampler only asks for angles in [0, 2π).
 *
 * @example
 * ```ts
 * const sc: [number, number] = [0, 0];
 * avx2SinCos(Math.fround(1), sc); // sc ≈ [0.84147, 0.54030]
 * ```
 */
export function avx2SinCos(x: number, out: [sin: number, cos: number]): void {
  const negative = x < 0 || Object.is(x, -0);
  const ax = Math.abs(x);
  // Octant index, rounded up to even: j*pi/4 is the nearest multiple of pi/2 below-or-at ax.
  let j = Math.trunc(f(ax * FOUR_OVER_PI)) | 0;
  j = (j + 1) & ~1;
  const y = j;
  const swapSinSign = (j & 4) !== 0;
  const sinPolyFirst = (j & 2) === 0;
  const cosNegative = (~(j - 2) & 4) !== 0;
  let r = fmaf(y, PI4_A, ax);
  r = fmaf(y, PI4_B, r);
  r = fmaf(y, PI4_C, r);
  const z = f(r * r);

  let c = fmaf(COS_P0, z, COS_P1);
  c = fmaf(c, z, COS_P2);
  c = f(z * c);
  c = fmaf(c, z, -f(z * 0.5));
  c = f(c + 1);

  let s = fmaf(SIN_P0, z, SIN_P1);
  s = fmaf(z, s, SIN_P2);
  s = f(z * s);
  s = fmaf(s, r, r);

  // The kernel picks by masking and adding +0, which turns a -0 into +0; `+ 0` does the same.
  const sin = (sinPolyFirst ? s : c) + 0;
  const cos = (sinPolyFirst ? c : s) + 0;
  out[0] = negative !== swapSinSign ? -sin : sin;
  out[1] = cosNegative ? -cos : cos;
}
