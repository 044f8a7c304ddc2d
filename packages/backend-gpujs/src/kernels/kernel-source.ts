/**
 * Wraps kernel statements into the function source gpu.js compiles: array arguments `x0…`,
 * number arguments `p0…`, and the flat output index `i = this.thread.x`.
 *
 * @example
 * ```ts
 * kernelSource(1, 1, ['const r = x0[p0 + i];'], 'r');
 * // 'function(x0, p0) {\n  const i = this.thread.x;\n  const r = x0[p0 + i];\n  return r;\n}'
 * ```
 */
export function kernelSource(
  arrays: number,
  scalars: number,
  lines: readonly string[],
  result: string,
): string {
  const args = [
    ...Array.from({ length: arrays }, (_, k) => `x${k}`),
    ...Array.from({ length: scalars }, (_, k) => `p${k}`),
  ];
  const body = ['const i = this.thread.x;', ...lines, `return ${result};`];
  return `function(${args.join(', ')}) {\n  ${body.join('\n  ')}\n}`;
}
