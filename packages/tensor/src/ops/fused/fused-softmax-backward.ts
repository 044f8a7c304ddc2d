import { wouldRecord } from '../../gradient-engine';
import type { Tensor } from '../../tensor';
import { fromBuffer } from '../operand';
import { dense } from './dense';

/**
 * The gradient rule of the `softmax` primitive (last dim), from its output `y`: softmax gives
 * `y · (g − Σ g·y)`, log-softmax `g − eʸ · Σ g`. One fused kernel, unless the backward is being
 * recorded (`createGraph`) or the backend lacks it: then the differentiable composition.
 *
 * @example
 * ```ts
 * const y = fusedSoftmax(x, -1, false);
 * fusedSoftmaxBackward(onesLike(y), y, false); // zeros: softmax sums to 1
 * ```
 */
export function fusedSoftmaxBackward(grad: Tensor, output: Tensor, log: boolean): Tensor {
  const kernel = output.backend.fused?.softmaxBackward;
  if (kernel === undefined || wouldRecord(grad, output) || output.numel() === 0) {
    const d = output.ndim === 0 ? 0 : output.ndim - 1;
    if (log) return grad.sub(output.exp().mul(grad.sum(d, true)));
    return output.mul(grad.sub(grad.mul(output).sum(d, true)));
  }
  const buffer = kernel(dense(grad), dense(output), log, output.dtype);
  return fromBuffer(output, buffer, output.shape, output.dtype);
}
