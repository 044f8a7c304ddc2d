import { closestName } from '@torchlet/tensor';

const show = (v: unknown) =>
  typeof v === 'string' ? `'${v}'` : typeof v === 'object' && v !== null ? 'an object' : String(v);

/**
 * Returns `value` if it is one of `choices` and otherwise throws a TypeError naming the layer,
 * the option, the choices and, for a near miss, the one meant. Options like `bias` or `mode`
 * would otherwise be coerced (`bias: 'no'` is truthy) or fall through to a default. @internal
 *
 * @example
 * ```ts
 * checkChoice('kaimingUniform_', 'mode', 'fan_in', ['fanIn', 'fanOut']);
 * // TypeError: kaimingUniform_: mode must be 'fanIn' or 'fanOut', got 'fan_in'; did you mean 'fanIn'?
 * ```
 */
export function checkChoice<T extends string | boolean>(
  op: string,
  name: string,
  value: unknown,
  choices: readonly T[],
): T {
  if ((choices as readonly unknown[]).includes(value)) return value as T;
  const list = choices.map(show);
  const expected = `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
  const strings = choices.filter((c): c is T & string => typeof c === 'string');
  const guess =
    typeof value === 'string' ? closestName(value, strings, { fuzzy: false }) : undefined;
  const hint = guess === undefined ? '' : `; did you mean '${guess}'?`;
  throw new TypeError(`${op}: ${name} must be ${expected}, got ${show(value)}${hint}`);
}
