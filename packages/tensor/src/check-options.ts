import { closestName } from './closest-name';

/**
 * Checks that `options` is a plain object (or undefined, for a defaulted argument) whose keys
 * are all in `allowed`, so a PyTorch spelling (`weight_decay`) or a typo throws a TypeError with
 * a suggestion (or the list of allowed keys) instead of being ignored. Keys whose value is
 * `undefined` count too: they are still typos. Every package that takes an options object uses
 * it, so the messages read the same everywhere.
 *
 * @example
 * ```ts
 * checkOptions('AdamW', { weight_decay: 0.1 }, ['lr', 'weightDecay']);
 * // TypeError: AdamW: unknown option 'weight_decay'; did you mean 'weightDecay'?
 * ```
 */
export function checkOptions(
  op: string,
  options: unknown,
  allowed: readonly string[],
  aliases?: Readonly<Record<string, string>>,
): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    const got = options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options;
    throw new TypeError(
      `${op}: expected options to be an object like { ${allowed[0]}: … }, got ${got}`,
    );
  }
  for (const key of Object.keys(options)) {
    if (allowed.includes(key)) continue;
    const guess = closestName(key, allowed, { aliases });
    const hint =
      guess === undefined
        ? `expected one of ${allowed.map((k) => `'${k}'`).join(', ')}`
        : `did you mean '${guess}'?`;
    throw new TypeError(`${op}: unknown option '${key}'; ${hint}`);
  }
}
