import { expFloat } from './exp-float';

/**
 * The complementary error function with a relative error below 1.2e-7 everywhere (a Chebyshev
 * fit, Numerical Recipes' `erfcc`): float32 accuracy in a dozen flops and one {@link expFloat}, where the
 * double-precision {@link erf} series takes up to 45 terms. Relative accuracy in the tail is what
 * GELU needs: `gelu(x) = x/2 · erfc(−x/√2)` keeps its digits for negative x.
 *
 * @example
 * ```ts
 * erfcFloat(0); // 1
 * erfcFloat(3); // 2.209e-5
 * ```
 */
export function erfcFloat(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t *
                          (-1.13520398 +
                            t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * expFloat(-z * z + poly);
  return x >= 0 ? r : 2 - r;
}
