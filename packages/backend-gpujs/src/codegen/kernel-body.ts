/**
 * Kernel source for one computed value: statements to run first, then the expression. Op
 * formulas that need temporaries (erf, pow) emit statements; most are a single expression.
 *
 * @example
 * ```ts
 * const body: KernelBody = { lines: [], expr: 'Math.exp(x)' };
 * ```
 */
export interface KernelBody {
  readonly lines: string[];
  readonly expr: string;
}
