import { expectTensor } from '@torchlet/tensor';
import type { Tensor } from '@torchlet/tensor';

/**
 * Rectified linear unit, `max(x, 0)`, like `torch.nn.functional.relu`. The gradient at exactly 0
 * is 0, as in PyTorch. Integer tensors keep their dtype.
 *
 * @example
 * ```ts
 * relu(tensor([-2, -1, 0, 1, 2])); // tensor([0., 0., 0., 1., 2.])
 * ```
 */
export function relu(x: Tensor): Tensor {
  expectTensor('relu', x);
  return x.relu();
}
