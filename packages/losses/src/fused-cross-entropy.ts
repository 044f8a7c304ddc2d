import { logSoftmax, softmax } from '@torchlet/activations';
import { fusedOp } from '@torchlet/autograd';
import { fromBuffer, where, zerosLike, type Tensor } from '@torchlet/tensor';

/** The attributes of one fused cross entropy: int32 targets `[N]`, and how rows are reduced. */
interface CrossEntropyAttrs {
  target: Tensor;
  ignoreIndex: number;
  reduction: 'mean' | 'sum';
}

/** Cross entropy of `[N, C]` logits as one fused op (PyTorch's `NllLossBackward0`). */
const crossEntropyOp = /* @__PURE__ */ fusedOp({
  name: 'NllLossBackward0',
  forward([logits], { target, ignoreIndex, reduction }: CrossEntropyAttrs) {
    const kernel = logits.backend.fused?.crossEntropy;
    if (kernel === undefined) return undefined;
    const r = kernel(
      logits.detach().contiguous(),
      target.detach().contiguous(),
      ignoreIndex,
      reduction === 'mean',
      logits.dtype,
    );
    return {
      output: fromBuffer(logits, r.loss, [], logits.dtype),
      // Made by the kernel for its backward: the node owns and frees them.
      count: fromBuffer(logits, r.count, [], logits.dtype),
      logSumExp: fromBuffer(logits, r.logSumExp, [logits.shape[0]], logits.dtype),
    };
  },
  // log-softmax, the target's column, and a mean over the kept rows.
  compose([logits], { target, ignoreIndex, reduction }) {
    const kept = target.ne(ignoreIndex);
    const safe = where(kept, target, 0);
    const picked = logSoftmax(logits, -1).gather(1, safe.unsqueeze(1)).squeeze(1);
    const nll = where(kept, picked.neg(), 0);
    return reduction === 'sum' ? nll.sum() : nll.sum().div(kept.to(logits.dtype).sum());
  },
  save: ({ inputs: [x], attrs: { target, ignoreIndex, reduction }, kernel }) => ({
    x,
    target,
    ignoreIndex,
    reduction,
    count: kernel.count,
    logSumExp: kernel.logSumExp,
  }),
  // scale · (softmax(x) − onehot(target)) on kept rows, with scale the loss gradient (over the
  // kept count for a mean).
  backwardKernel({ x, target, ignoreIndex, reduction, count, logSumExp }, grad) {
    const kernel = x.backend.fused?.crossEntropyBackward;
    if (kernel === undefined) return undefined;
    const scale = reduction === 'mean' ? grad.div(count) : grad;
    const dx = kernel(
      scale.detach().contiguous(),
      x.detach().contiguous(),
      target.detach().contiguous(),
      logSumExp,
      ignoreIndex,
      x.dtype,
    );
    return [fromBuffer(x, dx, x.shape, x.dtype)];
  },
  backward({ x, target, ignoreIndex, reduction, count }, grad) {
    const scale = reduction === 'mean' ? grad.div(count) : grad;
    const kept = target.ne(ignoreIndex).to(x.dtype).unsqueeze(1);
    const safe = where(target.ne(ignoreIndex), target, 0).unsqueeze(1);
    const onehot = zerosLike(x).scatterAdd(1, safe, kept);
    return [softmax(x, -1).mul(kept).sub(onehot).mul(scale)];
  },
});

/**
 * Cross entropy of `[N, C]` logits against int32 class indices `[N]`, reduced by mean or sum,
 * as one fused op: the backend's `crossEntropy` kernel forward (which keeps each row's
 * log-sum-exp) and `crossEntropyBackward` kernel (`softmax − onehot`) where it has them, else
 * log-softmax, gather and a masked mean. Targets equal to `ignoreIndex` count for nothing.
 * {@link crossEntropy} calls it for 2-D logits without class weights or label smoothing, after
 * checking the targets.
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
  return crossEntropyOp([logits], { target, ignoreIndex, reduction });
}
