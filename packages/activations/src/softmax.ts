import { expectTensor, type Tensor } from '@torchlet/tensor';
import { fusedSoftmax } from './fused-softmax';
import { resolveDim } from './resolve-dim';

/**
 * Softmax along `dim`, `exp(x) / sum(exp(x))`, like `torch.softmax(x, dim)`. Computed after
 * subtracting the maximum along `dim`, so logits of ±1e4 give finite probabilities. `dim` is
 * required.
 *
 * @example
 * ```ts
 * softmax(tensor([[1, 2, 3]]), -1); // tensor([[0.0900, 0.2447, 0.6652]])
 * ```
 */
export function softmax(x: Tensor, dim: number): Tensor {
  expectTensor('softmax', x, 'input', true);
  const d = resolveDim('softmax', x, dim);
  // Shifted by the row max; one fused kernel (and one for the backward) when the backend has it.
  return fusedSoftmax(x, d, false);
}
