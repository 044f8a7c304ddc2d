import { expectTensor } from '@torchlet/tensor';
import type { Tensor } from '@torchlet/tensor';

/**
 * Logistic sigmoid, `1 / (1 + exp(-x))`, like `torch.sigmoid`. Integer inputs give float32.
 *
 * @example
 * ```ts
 * sigmoid(tensor([0])); // tensor([0.5000])
 * ```
 */
export function sigmoid(x: Tensor): Tensor {
  expectTensor('sigmoid', x);
  return x.sigmoid();
}
