/** How far a floating-point result may stray from the exact (float64) reference value. */
export interface Tolerance {
  /** Relative part: `rtol * |expected|`. */
  readonly rtol: number;
  /** Absolute part, for results near zero where a relative bound means nothing. */
  readonly atol: number;
  /** Unit roundoff `u` of the dtype; accumulations of `k` terms may add `k * u * sum|term|`. */
  readonly unitRoundoff: number;
}

/**
 * The tolerances of the conformance suite, in one place; every float comparison uses them.
 *
 * - float32 elementwise ops and single values: `rtol 1e-5, atol 1e-6`. A correctly rounded
 *   float32 result is within 6e-8 relative, but GPU builtins (`exp`, `log`, `sin`, `pow` in GLSL
 *   or WGSL) are only specified to a few ulp and may evaluate in several float32 steps, so ~100
 *   ulp of slack is granted. A wrong formula or a misread element errs by far more. `atol`
 *   covers results that cancel to near zero (`sin(π)`, `x - y` with `x ≈ y`).
 * - Sums and matmul add `k * unitRoundoff * Σ|term|` for `k` accumulated terms: the worst-case
 *   rounding bound of float32 summation in any order (Higham's γₖ). A backend may accumulate in
 *   float32 (GPU) rather than in doubles (the CPU backend), and the error then grows with `k`
 *   and with the magnitude of the terms, not with the result, which may cancel to ~0.
 * - float64 gets the same structure with double-precision constants.
 *
 * Integer and bool results are always compared exactly.
 *
 * @example
 * ```ts
 * const { rtol, atol } = conformanceTolerance.float32;
 * Math.abs(got - want) <= atol + rtol * Math.abs(want);
 * ```
 */
export const conformanceTolerance: {
  /** The tolerance for float32 results. */
  readonly float32: Tolerance;
  /** The tolerance for float64 results. */
  readonly float64: Tolerance;
} = {
  float32: { rtol: 1e-5, atol: 1e-6, unitRoundoff: 2 ** -24 },
  float64: { rtol: 1e-12, atol: 1e-14, unitRoundoff: 2 ** -53 },
};
