import { expectTensor, checkOptions } from '@torchlet/tensor';
import type { Tensor } from '@torchlet/tensor';
import { checkReduction, type ReductionOptions } from './check-reduction';
import { checkSameShape } from './check-same-shape';
import { reduceLoss } from './reduce-loss';

/**
 * Mean squared error `(input - target)²`, reduced, like `torch.nn.functional.mse_loss`. Both
 * tensors must have the same shape; gradients flow to both.
 *
 * @example
 * ```ts
 * mseLoss(tensor([1, 2, 3]), tensor([1, 2, 5])).item(); // 4 / 3
 * ```
 */
export function mseLoss(input: Tensor, target: Tensor, options: ReductionOptions = {}): Tensor {
  checkOptions('mseLoss', options, ['reduction']);
  const reduction = checkReduction('mseLoss', options.reduction);
  expectTensor('mseLoss', input, 'input', true);
  expectTensor('mseLoss', target, 'target', true);
  checkSameShape('mseLoss', input, target);
  const diff = input.sub(target);
  return reduceLoss(diff.mul(diff), reduction);
}
