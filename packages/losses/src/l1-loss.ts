import { expectTensor, checkOptions } from '@torchlet/tensor';
import type { Tensor } from '@torchlet/tensor';
import { checkReduction, type ReductionOptions } from './check-reduction';
import { checkSameShape } from './check-same-shape';
import { reduceLoss } from './reduce-loss';

/**
 * Mean absolute error `|input - target|`, reduced, like `torch.nn.functional.l1_loss`. Both
 * tensors must have the same shape; where they are equal the gradient is 0, as in PyTorch.
 *
 * @example
 * ```ts
 * l1Loss(tensor([1, 2, 3]), tensor([1, 2, 5]), { reduction: 'sum' }).item(); // 2
 * ```
 */
export function l1Loss(input: Tensor, target: Tensor, options: ReductionOptions = {}): Tensor {
  checkOptions('l1Loss', options, ['reduction']);
  const reduction = checkReduction('l1Loss', options.reduction);
  expectTensor('l1Loss', input, 'input', true);
  expectTensor('l1Loss', target, 'target', true);
  checkSameShape('l1Loss', input, target);
  return reduceLoss(input.sub(target).abs(), reduction);
}
