/**
 * Kernel lines that set `result` to a NaN log-sum-exp, as read: a key a bool mask leaves out of
 * a row holding a NaN score still gets NaN, as on the CPU backend (`exp(−∞ − NaN)`). The NaN
 * test is doubled because Mesa folds `!(x <= y)` once `x > y` failed.
 *
 * @example
 * ```ts
 * attentionNanRowLines('w'); // ['if (!(lse > ninf)) {', '  if (!(lse <= ninf) || lse !== lse) {', …]
 * ```
 */
export function attentionNanRowLines(result: string): string[] {
  return [
    'if (!(lse > ninf)) {',
    '  if (!(lse <= ninf) || lse !== lse) {',
    `    ${result} = lse;`,
    '  }',
    '}',
  ];
}
