import { record } from '../../gradient-engine';
import { formatShape } from '../../shape';
import type { Tensor } from '../../tensor';
import { expectTensor, fromBuffer } from '../operand';
import { where } from '../where';
import { dense } from './dense';
import { fusedSoftmax } from './fused-softmax';

/**
 * Cross entropy of `[N, C]` logits against int32 class indices `[N]` as one op: the backend's
 * fused kernel when it has one (recorded as the `crossEntropy` primitive, whose backward is one
 * kernel: `softmax − onehot`), else log-softmax, gather and a masked mean. Targets equal to
 * `ignoreIndex` count for nothing. `@torchlet/losses`' `crossEntropy` calls it for 2-D logits
 * without class weights or label smoothing, after checking the targets.
 *
 * @example
 * ```ts
 * fusedCrossEntropy(tensor([[2, 0.5, -1]]), tensor([0], { dtype: 'int32' }), -100, 'mean');
 * // tensor(0.2413)
 * ```
 */
export function fusedCrossEntropy(
  logits: Tensor,
  target: Tensor,
  ignoreIndex: number,
  reduction: 'mean' | 'sum',
): Tensor {
  expectTensor('crossEntropy', logits, 'logits', true);
  expectTensor('crossEntropy', target, 'target');
  if (logits.ndim !== 2 || target.ndim !== 1 || target.shape[0] !== logits.shape[0]) {
    throw new RangeError(
      `crossEntropy: expected logits [N, C] and target [N], got ${formatShape(logits.shape)} and ${formatShape(target.shape)}`,
    );
  }
  if (target.dtype !== 'int32') {
    throw new TypeError(`crossEntropy: expected an int32 target, got ${target.dtype}`);
  }
  const kernel = logits.backend.fused?.crossEntropy;
  if (kernel === undefined) {
    const kept = target.ne(ignoreIndex);
    const safe = where(kept, target, 0);
    const picked = fusedSoftmax(logits, -1, true).gather(1, safe.unsqueeze(1)).squeeze(1);
    const nll = where(kept, picked.neg(), 0);
    return reduction === 'sum' ? nll.sum() : nll.sum().div(kept.to(logits.dtype).sum());
  }
  const t = dense(target);
  const r = kernel(dense(logits), t, ignoreIndex, reduction === 'mean', logits.dtype);
  const out = fromBuffer(logits, r.loss, [], logits.dtype);
  return record('crossEntropy', [logits], out, {
    target: t,
    ignoreIndex,
    reduction,
    count: fromBuffer(logits, r.count, [], logits.dtype),
    logSumExp: fromBuffer(logits, r.logSumExp, [logits.shape[0]], logits.dtype),
  });
}
