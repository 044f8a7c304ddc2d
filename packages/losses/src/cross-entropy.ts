import { logSoftmax } from '@torchlet/activations';
import type { Tensor } from '@torchlet/tensor';
import { checkClassTarget } from './check-class-target';
import { classLoss } from './class-loss';
import { readClassLossOptions } from './class-loss-options';
import { fusedCrossEntropy } from './fused-cross-entropy';
import type { NllLossOptions } from './nll-loss';

/**
 * Options of {@link crossEntropy}: those of `nllLoss` plus `labelSmoothing`.
 *
 * @example
 * ```ts
 * crossEntropy(logits, target, { labelSmoothing: 0.1, ignoreIndex: padId });
 * ```
 */
export interface CrossEntropyOptions extends NllLossOptions {
  /**
   * In `[0, 1]`, default 0. Mixes the one-hot target with the uniform distribution over the `C`
   * classes: the loss becomes `(1 - ε) · nll + ε / C · Σ_c w[c] · (-log p_c)`. Ignored targets
   * still contribute nothing, and `'mean'` divides both terms by the same `Σ w[t_i]`.
   */
  labelSmoothing?: number;
}

/**
 * Cross-entropy between logits and integer class targets, like
 * `torch.nn.functional.cross_entropy`: `nllLoss(logSoftmax(logits, classDim), target)`, computed
 * with a stable log-sum-exp (logits of ±1e4 give a finite loss and gradients).
 *
 * Shapes: logits `[N, C]` with target `[N]`; `[C]` with a 0-d target; `[N, C, d1, …]` with
 * target `[N, d1, …]`. Targets are int32 class indices in `[0, C)`, or `ignoreIndex` (default
 * -100) for positions that count nowhere, not even in the mean's denominator. With `weight`, each
 * target's loss is scaled by `weight[target]` and `'mean'` divides by the sum of the weights of
 * the non-ignored targets (a weighted mean), as PyTorch does.
 *
 * @example
 * ```ts
 * const logits = tensor([[2, 0.5, -1], [0.1, 0.2, 3]], { requiresGrad: true });
 * const target = tensor([0, 2], { dtype: 'int32' });
 * const loss = crossEntropy(logits, target); // ≈ 0.1755
 * loss.backward();
 * ```
 */
export function crossEntropy(
  logits: Tensor,
  target: Tensor,
  options: CrossEntropyOptions = {},
): Tensor {
  const o = readClassLossOptions('crossEntropy', options, true);
  const classDim = checkClassTarget(
    'crossEntropy',
    'logits',
    logits,
    target,
    o.weight,
    o.ignoreIndex,
  );
  // The common case is one fused kernel forward and one backward.
  if (logits.ndim === 2 && o.weight === null && o.labelSmoothing === 0 && o.reduction !== 'none') {
    return fusedCrossEntropy(logits, target, o.ignoreIndex, o.reduction);
  }
  return classLoss(logSoftmax(logits, classDim), target, classDim, o);
}
