import { expectTensor } from '@torchlet/tensor';
import type { Tensor } from '@torchlet/tensor';
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
  // The shift is a constant for autograd: softmax is shift invariant, so its gradient is exact.
  const shifted = x.numel() === 0 ? x : x.sub(x.detach().amax(d, true));
  const e = shifted.exp();
  return e.div(e.sum(d, true));
}
