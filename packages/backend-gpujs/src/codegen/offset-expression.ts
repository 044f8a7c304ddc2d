/**
 * The kernel expression `base + c0 * s0 + c1 * s1 + …` of a strided read. Stride-0 (broadcast)
 * dims vanish and stride-1 dims need no multiplication, so the strides are baked into the
 * compiled kernel rather than read at run time.
 *
 * @example
 * ```ts
 * offsetExpression('p0', ['c0', 'c1'], [0, 1]); // 'p0 + c1'
 * ```
 */
export function offsetExpression(
  base: string,
  coords: readonly string[],
  strides: readonly number[],
): string {
  let out = base;
  coords.forEach((c, d) => {
    const s = strides[d];
    if (s === 0) return;
    out += s === 1 ? ` + ${c}` : ` + ${c} * ${s}`;
  });
  return out;
}
