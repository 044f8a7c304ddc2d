import { wouldRecord } from '../../gradient-engine';
import type { PrimitiveAttrs } from '../../primitives';
import type { Tensor } from '../../tensor';
import { zerosLike } from '../../creation/factories';
import { fromBuffer } from '../operand';
import { where } from '../where';
import { dense } from './dense';
import { fusedSoftmax } from './fused-softmax';

/**
 * The gradient rule of the `crossEntropy` primitive: `scale · (softmax(x) − onehot(target))`
 * on kept rows, with `scale` the loss gradient (over the kept count for a mean). One fused
 * kernel, unless the backward is being recorded (`createGraph`) or the backend lacks it: then
 * a differentiable composition.
 *
 * @example
 * ```ts
 * const dx = fusedCrossEntropyBackward(tensor(1), logits, attrs);
 * ```
 */
export function fusedCrossEntropyBackward(
  grad: Tensor,
  logits: Tensor,
  attrs: PrimitiveAttrs['crossEntropy'],
): Tensor {
  const scale = attrs.reduction === 'mean' ? grad.div(attrs.count) : grad;
  const kernel = logits.backend.fused?.crossEntropyBackward;
  if (kernel === undefined || wouldRecord(grad, logits)) {
    const { target, ignoreIndex } = attrs;
    const kept = target.ne(ignoreIndex).to(logits.dtype).unsqueeze(1);
    const safe = where(target.ne(ignoreIndex), target, 0).unsqueeze(1);
    const onehot = zerosLike(logits).scatterAdd(1, safe, kept);
    return fusedSoftmax(logits, -1, false).mul(kept).sub(onehot).mul(scale);
  }
  const buffer = kernel(
    dense(scale),
    dense(logits),
    attrs.target,
    attrs.logSumExp,
    attrs.ignoreIndex,
    logits.dtype,
  );
  return fromBuffer(logits, buffer, logits.shape, logits.dtype);
}
