import { expectTensor } from '@torchlet/tensor';
import type { Tensor } from '@torchlet/tensor';

/**
 * Hyperbolic tangent, like `torch.tanh`. Integer inputs give float32.
 *
 * @example
 * ```ts
 * tanh(tensor([0, 100])); // tensor([0., 1.])
 * ```
 */
export function tanh(x: Tensor): Tensor {
  expectTensor('tanh', x);
  return x.tanh();
}
