/** What {@link checkOption} requires of a value. @internal */
export type OptionRule =
  'finite' | 'nonNegative' | 'positive' | 'nonNegativeInteger' | 'positiveInteger' | 'unitInterval';

const REQUIREMENTS: Record<OptionRule, [(value: number) => boolean, string]> = {
  finite: [Number.isFinite, 'a finite number'],
  nonNegative: [(v) => Number.isFinite(v) && v >= 0, 'a finite number >= 0'],
  positive: [(v) => Number.isFinite(v) && v > 0, 'a finite number > 0'],
  nonNegativeInteger: [(v) => Number.isInteger(v) && v >= 0, 'an integer >= 0'],
  positiveInteger: [(v) => Number.isInteger(v) && v > 0, 'an integer > 0'],
  unitInterval: [(v) => v >= 0 && v <= 1, 'a number in [0, 1]'],
};

/**
 * Returns `value` if it satisfies `rule`, and otherwise throws an error that names the
 * function, the option and the value: `cosineDecay: decaySteps must be an integer > 0, got 0`.
 * Non-numbers throw a TypeError, numbers out of range a RangeError. @internal
 *
 * @example
 * ```ts
 * const peak = checkOption('warmupCosine', 'peak', options.peak, 'nonNegative');
 * ```
 */
export function checkOption(op: string, name: string, value: unknown, rule: OptionRule): number {
  const [ok, requirement] = REQUIREMENTS[rule];
  if (typeof value !== 'number')
    throw new TypeError(`${op}: ${name} must be ${requirement}, got ${describe(value)}`);
  if (!ok(value)) {
    const fractional = Number.isFinite(value) && !Number.isInteger(value);
    const hint = rule.endsWith('Integer') && fractional ? ' (round it first)' : '';
    throw new RangeError(`${op}: ${name} must be ${requirement}, got ${value}${hint}`);
  }
  return value;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}
