import { checkOptions } from '@torchlet/tensor';
import { noGrad } from '@torchlet/autograd';
import type { Generator, Tensor } from '@torchlet/tensor';
import { calculateFanInAndFanOut } from './fan';

/**
 * Fills `tensor` in place from U(-a, a) with Glorot/Xavier's `a = gain * sqrt(6 / (fanIn + fanOut))`.
 *
 * @example
 * ```ts
 * xavierUniform_(layer.weight);
 * ```
 */
export function xavierUniform_(
  tensor: Tensor,
  gain = 1,
  options: { generator?: Generator } = {},
): Tensor {
  checkOptions('xavierUniform_', options, ['generator']);
  const [fanIn, fanOut] = calculateFanInAndFanOut(tensor);
  const std = gain * Math.sqrt(2.0 / (fanIn + fanOut));
  const a = Math.sqrt(3.0) * std;
  return noGrad(() => tensor.uniform_(-a, a, options));
}
