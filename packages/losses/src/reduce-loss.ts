import type { Tensor } from '@torchlet/tensor';
import type { Reduction } from './check-reduction';

/**
 * Applies a reduction to per-element losses: mean or sum of all elements, or the tensor itself.
 *
 * @example
 * ```ts
 * reduceLoss(tensor([1, 2, 3]), 'mean').item(); // 2
 * ```
 */
export function reduceLoss(loss: Tensor, reduction: Reduction): Tensor {
  if (reduction === 'none') return loss;
  return reduction === 'sum' ? loss.sum() : loss.mean();
}
