import { formatShape, sameShape, trackStorages, type Storage, type Tensor } from '@torchlet/tensor';

/**
 * Counts correct predictions, for accuracy over many batches:
 *
 * - logits `[N, C, …]` with class indices `[N, …]`: `argmax` over dim 1 (PyTorch's class dim);
 * - scores and targets of the same shape `[…, C]` with C > 1 (one-hot or soft labels):
 *   argmax of each over the last dim;
 * - binary logits `[N]` or `[N, 1]` with 0/1 targets: a logit above 0 predicts 1.
 *
 * @example
 * ```ts
 * countCorrect(tensor([[2, 1], [0, 3]]), tensor([0, 0], { dtype: 'int32' })); // { correct: 1, total: 2 }
 * ```
 */
export function countCorrect(
  output: Tensor,
  target: Tensor,
): {
  /** The number of correct predictions. */
  correct: number;
  /** The number of predictions. */
  total: number;
} {
  // Every tensor made here is a temporary: free them now rather than when the collector runs.
  const temporaries: Storage[] = [];
  try {
    return trackStorages(temporaries, () => count(output, target));
  } finally {
    for (const s of temporaries) s.dispose();
  }
}

function count(output: Tensor, target: Tensor): { correct: number; total: number } {
  const same = sameShape(output.shape, target.shape);
  let hits: Tensor;
  if (output.ndim === target.ndim + 1 && output.ndim >= 2 && output.shape[1] === 1) {
    hits = output.squeeze(1).gt(0).float().eq(target.float().gt(0.5).float());
  } else if (output.ndim === target.ndim + 1 && output.ndim >= 2) {
    hits = output.argmax(1).eq(target);
  } else if (same && output.ndim >= 2 && output.shape[output.ndim - 1] > 1) {
    hits = output.argmax(-1).eq(target.argmax(-1));
  } else if (same) {
    hits = output.gt(0).float().eq(target.float().gt(0.5).float());
  } else {
    throw new RangeError(
      `accuracy: cannot compare output ${formatShape(output.shape)} with target ` +
        `${formatShape(target.shape)}; expected logits [N, C] with class indices [N], ` +
        'same-shape one-hot scores, or binary logits [N]',
    );
  }
  return { correct: hits.float().sum().item(), total: hits.numel() };
}
