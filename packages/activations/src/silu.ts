import { expectTensor } from '@torchlet/tensor';
import type { Tensor } from '@torchlet/tensor';

/**
 * Sigmoid linear unit (swish), `x * sigmoid(x)`, like `torch.nn.functional.silu`.
 *
 * @example
 * ```ts
 * silu(tensor([-1, 0, 1])); // tensor([-0.2689, 0.0000, 0.7311])
 * ```
 */
export function silu(x: Tensor): Tensor {
  expectTensor('silu', x, 'input', true);
  // A composition of primitives: autograd derives sigmoid(x) * (1 + x * (1 - sigmoid(x))).
  return x.mul(x.sigmoid());
}
