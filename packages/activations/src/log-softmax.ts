import { expectTensor, type Tensor } from '@torchlet/tensor';
import { fusedSoftmax } from './fused-softmax';
import { resolveDim } from './resolve-dim';

/**
 * Log of the softmax along `dim`, like `torch.log_softmax(x, dim)`:
 * `(x - max) - log(sum(exp(x - max)))`. Stable: logits of ±1e4 give finite values (no
 * `log(0)`), and more accurate than `softmax(x, dim).log()`. `dim` is required.
 *
 * @example
 * ```ts
 * logSoftmax(tensor([1e4, -1e4, 0]), 0); // tensor([0., -20000., -10000.])
 * ```
 */
export function logSoftmax(x: Tensor, dim: number): Tensor {
  expectTensor('logSoftmax', x, 'input', true);
  const d = resolveDim('logSoftmax', x, dim);
  // Shifted by the row max before log-sum-exp is subtracted, so small terms survive near ±1e4;
  // one fused kernel (and one for the backward) when the backend has it.
  return fusedSoftmax(x, d, true);
}
