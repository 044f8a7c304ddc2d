import { expectTensor } from '@torchlet/tensor';
import type { Tensor } from '@torchlet/tensor';
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
  // Subtracting the max before adding log-sum-exp back keeps the small terms: at 1e4 a float32
  // step is ~1e-3, so `x - logsumexp(x)` would lose them.
  const shifted = x.numel() === 0 ? x : x.sub(x.detach().amax(d, true));
  return shifted.sub(shifted.exp().sum(d, true).log());
}
