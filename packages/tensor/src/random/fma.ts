import { productError } from './product-error';
// Scratch views to flip the last bit of a double; the low word sits first on little-endian hosts.
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LO = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
const HI = 1 - LO;

/**
 * `a + b` rounded to odd: exact sums are returned as they are, inexact ones become whichever
 * neighbouring double has an odd last bit. Rounding that once more to a narrower format gives the
 * correctly rounded sum, which a plain double sum followed by a second rounding does not always.
 */
function addRoundToOdd(a: number, b: number): number {
  const s = a + b;
  const bv = s - a;
  const err = a - (s - bv) + (b - bv);
  if (err === 0 || !Number.isFinite(s)) return s;
  f64[0] = s;
  if (err < 0 !== s < 0) {
    // The exact sum is smaller in magnitude than s: start from the neighbour toward zero.
    if (u32[LO] === 0) {
      u32[HI] = u32[HI]! - 1;
      u32[LO] = 0xffffffff;
    } else {
      u32[LO] = u32[LO]! - 1;
    }
  }
  u32[LO] = u32[LO]! | 1;
  return f64[0];
}

/**
 * Fused multiply-add in float32, `fround(a * b + c)` with a single rounding, as `vfmadd` computes
 * it. PyTorch's AVX2 kernels are compiled with contraction on, so their `x * w + b` in float is
 * fused; a JavaScript `fround(fround(a * b) + c)` differs from it in about half the cases.
 *
 * @example
 * ```ts
 * fmaf(Math.fround(0.1), Math.fround(3), Math.fround(-0.3));
 * ```
 */
export function fmaf(a: number, b: number, c: number): number {
  // The product of two float32 values is exact in a double; only the sum needs care.
  return Math.fround(addRoundToOdd(a * b, c));
}

/**
 * Fused multiply-add in float64, `a * b + c` with a single rounding (JavaScript has no Math.fma).
 * Boldo and Melquiond's emulation: exact product and sum by error-free transformations, then the
 * small parts rounded to odd so that the final rounding is correct. Assumes no overflow and no
 * underflow in the intermediate products, which holds for the sampler's operands.
 *
 * @example
 * ```ts
 * fma(0.1, 10, -1); // 5.551115123125783e-17, where 0.1 * 10 - 1 gives 0
 * ```
 */
export function fma(a: number, b: number, c: number): number {
  const p = a * b;
  if (!Number.isFinite(p) || p === 0 || c === 0) return p + c;
  const pErr = productError(a, b, p);
  const s = c + p;
  const bv = s - c;
  const sErr = c - (s - bv) + (p - bv);
  return s + addRoundToOdd(sErr, pErr);
}
