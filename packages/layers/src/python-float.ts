/**
 * A number as Python's `repr` prints it (`1e-05`, `0.1`, `5.0`), so module descriptions read
 * like PyTorch's. @internal
 *
 * @example
 * ```ts
 * pythonFloat(1e-5); // '1e-05'
 * ```
 */
export function pythonFloat(value: number): string {
  const magnitude = Math.abs(value);
  if (value !== 0 && (magnitude < 1e-4 || magnitude >= 1e16)) {
    return value.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}
