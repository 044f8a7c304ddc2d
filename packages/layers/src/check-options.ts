import { closestName } from './closest-name';

/**
 * Checks that `options` is a plain object (or undefined, for a defaulted argument) whose keys
 * are all in `allowed`, so a PyTorch spelling (`padding_idx`) or a typo throws instead of being
 * ignored, with a suggestion or the list of allowed keys. @internal
 *
 * @example
 * ```ts
 * checkOptions('Embedding', { padding_idx: 0 }, ['paddingIdx', 'dtype']);
 * // TypeError: Embedding: unknown option 'padding_idx'; did you mean 'paddingIdx'?
 * ```
 */
export function checkOptions(op: string, options: unknown, allowed: readonly string[]): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    const got = options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options;
    throw new TypeError(
      `${op}: expected options to be an object like { ${allowed[0]}: … }, got ${got}`,
    );
  }
  for (const key of Object.keys(options)) {
    if (allowed.includes(key)) continue;
    const guess = closestName(key, allowed);
    const hint =
      guess === undefined
        ? `expected one of ${allowed.map((k) => `'${k}'`).join(', ')}`
        : `did you mean '${guess}'?`;
    throw new TypeError(`${op}: unknown option '${key}'; ${hint}`);
  }
}
