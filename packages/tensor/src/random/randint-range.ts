/** The element types `randint` can write, as the typed array they live in. */
export type RandintTarget = 'int32' | 'float32' | 'float64';

const MANTISSA_DIGITS = { float32: 24, float64: 53 } as const;

/**
 * The `[low, low + range)` interval PyTorch 1.13 actually samples for `randint(low, high)`.
 * For integer outputs that is `[low, high)`. For floating outputs PyTorch first nudges the
 * bounds inward when `high - 1` (or `low + 1`) is not representable in the dtype, so that
 * `high - 1` rounds to a value below `high`: for example float32 `randint(0, 2**25)` samples
 * `[0, 2**25 - 2)`. Throws when the bounds are empty or do not fit the target.
 *
 * @example
 * ```ts
 * randintRange(0, 2 ** 25, 'float32'); // { low: 0, range: 33554430 }
 * ```
 */
export function randintRange(
  low: number,
  high: number,
  target: RandintTarget,
): { low: number; range: number } {
  for (const [name, v] of [
    ['low', low],
    ['high', high],
  ] as const) {
    if (!Number.isSafeInteger(v)) {
      throw new Error(`randint: ${name} must be an integer within ±(2^53 - 1), got ${v}`);
    }
  }
  if (!(low < high)) {
    throw new Error(`randint: expects low < high, got low=${low}, high=${high}`);
  }
  if (target === 'int32') {
    if (low < -(2 ** 31) || high - 1 > 2 ** 31 - 1) {
      throw new Error(`randint: [${low}, ${high}) does not fit in int32`);
    }
    return { low, range: high - low };
  }
  const round = target === 'float32' ? Math.fround : (v: number) => v;
  const digits = MANTISSA_DIGITS[target];
  let from = low;
  let to = high;
  const fromPlusOne = round(from + 1);
  if (fromPlusOne < from) from = fromPlusOne + 2 ** (floorLog2(Math.abs(from + 1)) - digits + 1);
  const toMinusOne = round(to - 1);
  if (toMinusOne >= to) to = toMinusOne - 2 ** (floorLog2(Math.abs(to - 1)) - digits + 1);
  if (!(from < to)) {
    throw new Error(`randint: [${low}, ${high}) is empty once rounded to ${target}`);
  }
  return { low: from, range: to - from };
}

/** floor(log2(v)) for a positive safe integer, without trusting Math.log2's rounding. */
function floorLog2(v: number): number {
  let n = 0;
  while (v >= 2) {
    v = Math.floor(v / 2);
    n++;
  }
  return n;
}
