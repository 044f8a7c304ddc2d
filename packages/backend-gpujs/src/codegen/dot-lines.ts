/** Products summed per step of the loop, unrolled, as `matmulPlan` does. */
const tile = 8;

/**
 * Kernel lines that leave `Σ a[aBase + e] · b[bBase + e]` over `e < n` (a literal) in a new
 * variable `acc`: `floor(n / 8)` steps of 8 unrolled products, then the rest unrolled. No loop
 * is written when it would run 0 times (GLSL needs none, and the rest may be empty too). `loop`
 * names the loop variable, so two dots can share a kernel.
 *
 * @example
 * ```ts
 * dotLines('s', 'x0', 'qb', 'x1', 'kb', 20, 'e');
 * // ['let s = 0;', 'for (let e = 0; e < 2; e++) {', …, '}', 'const sc = qb + 16;', …]
 * ```
 */
export function dotLines(
  acc: string,
  a: string,
  aBase: string,
  b: string,
  bBase: string,
  n: number,
  loop: string,
): string[] {
  const products = (ia: string, ib: string, count: number): string =>
    Array.from({ length: count }, (_, t) => {
      const d = t === 0 ? '' : ` + ${t}`;
      return `${a}[${ia}${d}] * ${b}[${ib}${d}]`;
    }).join(' + ');
  const lines = [`let ${acc} = 0;`];
  const steps = Math.floor(n / tile);
  if (steps > 0) {
    lines.push(
      `for (let ${loop} = 0; ${loop} < ${steps}; ${loop}++) {`,
      `  const ${acc}a = ${aBase} + ${loop} * ${tile};`,
      `  const ${acc}b = ${bBase} + ${loop} * ${tile};`,
      `  ${acc} = ${acc} + (${products(`${acc}a`, `${acc}b`, tile)});`,
      '}',
    );
  }
  const rest = n - steps * tile;
  if (rest > 0) {
    const from = steps * tile === 0 ? '' : ` + ${steps * tile}`;
    lines.push(
      `const ${acc}c = ${aBase}${from};`,
      `const ${acc}d = ${bBase}${from};`,
      `${acc} = ${acc} + (${products(`${acc}c`, `${acc}d`, rest)});`,
    );
  }
  return lines;
}
