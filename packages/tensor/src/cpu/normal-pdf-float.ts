import { expFloat } from './exp-float';

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
// e^(−s) = Σ (−s)ᵏ/k!: 12 terms are exact to 3e-9 for 0 ≤ s < 1.
const K = Array.from({ length: 12 }, (_, k) => {
  let f = 1;
  for (let i = 2; i <= k; i++) f *= i;
  return (k % 2 === 0 ? 1 : -1) / f;
});
const [E0, E1, E2, E3, E4, E5, E6, E7, E8, E9, E10, E11] = K;

/**
 * φ(x), the standard normal density, to float32 accuracy: a polynomial for |x| < √2 (no `exp`,
 * where most GELU inputs after a norm layer fall), {@link expFloat} beyond.
 *
 * @example
 * ```ts
 * normalPdfFloat(0); // 0.3989423
 * ```
 */
export function normalPdfFloat(x: number): number {
  const s = 0.5 * x * x;
  if (s >= 1) return INV_SQRT_2PI * expFloat(-s);
  return INV_SQRT_2PI * expNegCentre(s);
}

/**
 * e^(−s) for 0 ≤ s < 1 by its series (exact to 3e-9), the centre of {@link normalPdfFloat}:
 * small enough for V8 to inline into a kernel's loop.
 *
 * @example
 * ```ts
 * expNegCentre(0.5); // 0.6065306597
 * ```
 */
export function expNegCentre(s: number): number {
  let p = E11;
  p = E10 + s * p;
  p = E9 + s * p;
  p = E8 + s * p;
  p = E7 + s * p;
  p = E6 + s * p;
  p = E5 + s * p;
  p = E4 + s * p;
  p = E3 + s * p;
  p = E2 + s * p;
  p = E1 + s * p;
  p = E0 + s * p;
  return p;
}
