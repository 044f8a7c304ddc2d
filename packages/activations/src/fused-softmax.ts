import { fusedOp } from '@torchlet/autograd';
import { fromBuffer, type Tensor } from '@torchlet/tensor';

/** Softmax, or log-softmax when `log`, over `dim`: one fused op (`…SoftmaxBackward0`). */
const softmaxOp = /* @__PURE__ */ fusedOp({
  name: ({ log }: { dim: number; log: boolean }) =>
    log ? 'LogSoftmaxBackward0' : 'SoftmaxBackward0',
  forward([x], { dim, log }) {
    const kernel = x.backend.fused?.softmax;
    // The row kernel takes the last dim only; fusedSoftmax moves another dim there.
    if (kernel === undefined || x.numel() === 0 || (x.ndim > 1 && dim !== x.ndim - 1)) {
      return undefined;
    }
    return {
      output: fromBuffer(x, kernel(x.detach().contiguous(), log, x.dtype), x.shape, x.dtype),
    };
  },
  // Shifted by a detached max: softmax is shift invariant, so this is exact, and logits of ±1e4
  // stay finite.
  compose([x], { dim, log }) {
    const shifted = x.numel() === 0 ? x : x.sub(x.detach().amax(dim, true));
    if (log) return shifted.sub(shifted.exp().sum(dim, true).log());
    const e = shifted.exp();
    return e.div(e.sum(dim, true));
  },
  // Both gradients need the output alone: the input is not kept.
  save: ({ kernel: { output }, attrs: { dim, log } }) => ({ output, dim, log }),
  backwardKernel({ output, log }, grad) {
    const kernel = output.backend.fused?.softmaxBackward;
    if (kernel === undefined || output.numel() === 0) return undefined;
    const dx = kernel(grad.detach().contiguous(), output.detach().contiguous(), log, output.dtype);
    return [fromBuffer(output, dx, output.shape, output.dtype)];
  },
  // From the output y: softmax gives y · (g − Σ g·y), log-softmax g − eʸ · Σ g.
  backward({ output, dim, log }, grad) {
    if (log) return [grad.sub(output.exp().mul(grad.sum(dim, true)))];
    return [output.mul(grad.sub(grad.mul(output).sum(dim, true)))];
  },
});

/**
 * Softmax (or log-softmax when `log`) over the non-negative `dim`, as one fused op: the
 * backend's row kernels forward and backward where it has them (another dim than the last is
 * moved there and back, as views), else the max-shifted composition. {@link softmax} and
 * {@link logSoftmax} check the arguments and call it.
 *
 * @example
 * ```ts
 * fusedSoftmax(tensor([[1, 2, 3]]), 1, false); // tensor([[0.0900, 0.2447, 0.6652]])
 * ```
 */
export function fusedSoftmax(x: Tensor, dim: number, log: boolean): Tensor {
  const last = x.ndim - 1;
  if (x.ndim > 1 && dim !== last && x.numel() > 0 && x.backend.fused?.softmax !== undefined) {
    return softmaxOp([x.transpose(dim, last)], { dim: last, log }).transpose(dim, last);
  }
  return softmaxOp([x], { dim, log });
}
