/** Whether `a` and `b` are the same number, counting NaN as equal to NaN. */
export function sameValue(a: number, b: number): boolean {
  return a === b || (a !== a && b !== b);
}
