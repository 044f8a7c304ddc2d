/**
 * A learning rate in two significant digits for axis labels: plain between 0.01 and 1000
 * (`0.1`, `25`), in exponent form elsewhere (`3.0e-4`, `1.2e5`). @internal
 *
 * @example
 * ```ts
 * formatLr(3e-4); // '3.0e-4'
 * formatLr(0.1); // '0.1'
 * ```
 */
export function formatLr(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 0.01 && magnitude < 1000) return String(Number(value.toPrecision(2)));
  return value.toExponential(1).replace('e+', 'e');
}
