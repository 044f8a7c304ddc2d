/**
 * `base ** exponent` for int32 operands, wrapping on overflow as PyTorch's integer `pow` does
 * (square-and-multiply with `Math.imul`, so no float64 rounding happens before the wrap). A
 * negative exponent gives what integer division would: 1 for base 1, ±1 for base -1, else 0
 * (PyTorch refuses negative scalar exponents before the kernel runs).
 *
 * @example
 * ```ts
 * int32Pow(3, 40); // 689956897, as torch.tensor(3, dtype=torch.int32) ** 40
 * ```
 */
export function int32Pow(base: number, exponent: number): number {
  if (exponent < 0) {
    if (base === 1) return 1;
    if (base === -1) return exponent % 2 === 0 ? 1 : -1;
    return 0;
  }
  let result = 1;
  let b = base | 0;
  let e = exponent;
  while (e > 0) {
    if (e & 1) result = Math.imul(result, b);
    b = Math.imul(b, b);
    e = Math.floor(e / 2);
  }
  return result;
}
