import { where, type Tensor } from '@torchlet/tensor';
import type { ClassLossOptions } from './class-loss-options';

/**
 * The negative log-likelihood of class targets with PyTorch's semantics, optionally label
 * smoothed, from already validated log-probabilities (see `checkClassTarget`):
 *
 * - `loss_i = -w[t_i] · logp[i, t_i]`, and 0 where `t_i == ignoreIndex`;
 * - with smoothing ε: `(1 - ε) · nll + ε / C · smooth`, where `smooth_i = -Σ_c w[c] · logp[i, c]`
 *   (0 where ignored), each term reduced on its own;
 * - `'mean'` divides both sums by `Σ w[t_i]` over the non-ignored targets (their count without
 *   weights), so a batch with every target ignored gives NaN, as in PyTorch.
 *
 * @example
 * ```ts
 * classLoss(logSoftmax(logits, 1), target, 1, options);
 * ```
 */
export function classLoss(
  logProbs: Tensor,
  target: Tensor,
  classDim: number,
  options: ClassLossOptions,
): Tensor {
  const { reduction, ignoreIndex, labelSmoothing } = options;
  const weight = options.weight === null ? null : options.weight.to(logProbs.dtype);
  const kept = target.ne(ignoreIndex);
  // Ignored targets gather class 0 (always a valid index); where() masks them out afterwards.
  const safeTarget = where(kept, target, 0);
  const picked = logProbs.gather(classDim, safeTarget.unsqueeze(classDim)).squeeze(classDim);
  const targetWeight =
    weight === null
      ? kept.to(logProbs.dtype)
      : where(kept, weight.gather(0, safeTarget.reshape([-1])).reshape(target.shape), 0);
  // where() rather than a product with the mask: an ignored -inf log-prob must not give NaN.
  const nll = where(kept, picked.mul(targetWeight).neg(), 0);
  const reduce = (perTarget: Tensor): Tensor =>
    reduction === 'none'
      ? perTarget
      : reduction === 'sum'
        ? perTarget.sum()
        : perTarget.sum().div(targetWeight.sum());
  if (labelSmoothing === 0) return reduce(nll);

  const numClasses = logProbs.shape[classDim];
  const classShape = logProbs.shape.map((s, d) => (d === classDim ? s : 1));
  const weighted = weight === null ? logProbs : logProbs.mul(weight.reshape(classShape));
  const smooth = where(kept, weighted.sum(classDim).neg(), 0);
  return reduce(nll)
    .mul(1 - labelSmoothing)
    .add(reduce(smooth).mul(labelSmoothing / numClasses));
}
