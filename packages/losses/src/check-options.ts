/**
 * Checks that `options` is an object with only the `allowed` keys. A misspelled option (say
 * PyTorch's `label_smoothing`) would otherwise be ignored without a word.
 *
 * @example
 * ```ts
 * checkOptions('mseLoss', { reduction: 'sum' }, ['reduction']);
 * ```
 */
export function checkOptions(op: string, options: unknown, allowed: readonly string[]): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(
      `${op}: expected options to be an object like { ${allowed[0]}: … }, got ${
        options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options
      }`,
    );
  }
  for (const key of Object.keys(options)) {
    if (allowed.includes(key)) continue;
    const camel = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    const hint = allowed.includes(camel)
      ? `did you mean '${camel}'?`
      : `expected one of ${allowed.map((k) => `'${k}'`).join(', ')}`;
    throw new TypeError(`${op}: unknown option '${key}'; ${hint}`);
  }
}
