import { erfcFloat } from './erfc-float';

// erf(z) = 2/√π · Σ (−1)ⁿ z²ⁿ⁺¹ / (n! (2n+1)): 12 terms are exact to 1e-9 for |z| ≤ 1.
const TERMS = 12;
const COEFFS = new Float64Array(TERMS);
{
  let factorial = 1;
  for (let n = 0; n < TERMS; n++) {
    if (n > 0) factorial *= n;
    COEFFS[n] = ((n % 2 === 0 ? 1 : -1) * (2 / Math.sqrt(Math.PI))) / (factorial * (2 * n + 1));
  }
}
const [C0, C1, C2, C3, C4, C5, C6, C7, C8, C9, C10, C11] = COEFFS;

/**
 * Φ(x), the standard normal CDF, to float32 accuracy: a polynomial in the centre (|x| < √2,
 * where most GELU inputs after a norm layer fall; no `exp`), {@link erfcFloat} in the tails.
 *
 * @example
 * ```ts
 * geluCdfFloat(0); // 0.5
 * geluCdfFloat(1); // 0.8413447
 * ```
 */
export function geluCdfFloat(x: number): number {
  const z = x * Math.SQRT1_2;
  if (z > -1 && z < 1) return 0.5 * (1 + erfCentre(z));
  return 0.5 * erfcFloat(-z);
}

/**
 * erf(z) for |z| < 1 by its series (exact to 1e-9), the centre of {@link geluCdfFloat}: small
 * enough for V8 to inline into a kernel's loop, where the whole of Φ, with its `erfc` tail, is not.
 *
 * @example
 * ```ts
 * erfCentre(0.5); // 0.5204998778
 * ```
 */
export function erfCentre(z: number): number {
  const s = z * z;
  let p = C11;
  p = C10 + s * p;
  p = C9 + s * p;
  p = C8 + s * p;
  p = C7 + s * p;
  p = C6 + s * p;
  p = C5 + s * p;
  p = C4 + s * p;
  p = C3 + s * p;
  p = C2 + s * p;
  p = C1 + s * p;
  p = C0 + s * p;
  return z * p;
}
