/** C99/PyTorch `pow`, which differs from `Math.pow` at `pow(1, NaN)` and `pow(±1, ±∞)`. */
export function referencePow(a: number, b: number): number {
  if (a === 1 || b === 0) return 1;
  if (a === -1 && (b === Infinity || b === -Infinity)) return 1;
  return Math.pow(a, b);
}
