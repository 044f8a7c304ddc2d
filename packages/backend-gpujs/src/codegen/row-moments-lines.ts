/**
 * Kernel lines that compute the statistics of layer norm for the `cols` values at
 * `array[base + k]`, in two passes as the CPU kernel does: `mu`, the mean, and with `eps` (the
 * name of a number argument) also `rs = 1 / √(Σ(x − mu)² / cols + eps)`. The output, mean and
 * rstd kernels all use these lines, so each of them computes the same float32 statistics.
 *
 * @example
 * ```ts
 * rowMomentsLines('x0', 'b', 64, 'p1'); // ['let s = 0;', 'for (…) {', …, 'const rs = …;']
 * ```
 */
export function rowMomentsLines(
  array: string,
  base: string,
  cols: number,
  eps: string | null,
): string[] {
  const lines = [
    'let s = 0;',
    `for (let k = 0; k < ${cols}; k++) {`,
    `  s = s + ${array}[${base} + k];`,
    '}',
    `const mu = s / ${cols};`,
  ];
  if (eps === null) return lines;
  lines.push(
    'let q = 0;',
    `for (let k = 0; k < ${cols}; k++) {`,
    `  const d = ${array}[${base} + k] - mu;`,
    '  q = q + d * d;',
    '}',
    `const rs = 1 / Math.sqrt(q / ${cols} + ${eps});`,
  );
  return lines;
}
