import type { Tensor } from '../tensor';
import { expectTensor } from './operand';
import { numberArg } from './scalar-arg';
import { where } from './where';

/**
 * Limits every element to `[min, max]`; either bound may be omitted. The gradient is 1 where the
 * input lies inside the bounds (inclusive) and 0 outside, as in PyTorch.
 *
 * @example
 * ```ts
 * clamp(tensor([-2, 0.5, 3]), 0, 1); // tensor([0.0000, 0.5000, 1.0000])
 * ```
 */
export function clamp(x: Tensor, min?: number | null, max?: number | null): Tensor {
  expectTensor('clamp', x);
  const hasMin = min !== undefined && min !== null;
  const hasMax = max !== undefined && max !== null;
  if (hasMin) numberArg('clamp', 'min', min);
  if (hasMax) numberArg('clamp', 'max', max);
  if (!hasMin && !hasMax) {
    throw new TypeError('clamp: at least one of min or max must be given');
  }
  let out = x;
  // where() keeps the input's gradient exactly inside the bounds, ties included.
  if (hasMin) out = where(out.lt(min), min, out);
  if (hasMax) out = where(out.gt(max), max, out);
  return out;
}
