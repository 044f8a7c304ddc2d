import type { Tensor } from '@torchlet/tensor';
import { checkClassTarget } from './check-class-target';
import { classLoss } from './class-loss';
import { readClassLossOptions } from './class-loss-options';
import type { ReductionOptions } from './check-reduction';

/**
 * Options of {@link nllLoss} (and of `crossEntropy`).
 *
 * @example
 * ```ts
 * nllLoss(logProbs, target, { weight: tensor([1, 2, 1]), ignoreIndex: 0, reduction: 'sum' });
 * ```
 */
export interface NllLossOptions extends ReductionOptions {
  /** Targets equal to this value are skipped (loss 0, no gradient, not counted). Default -100. */
  ignoreIndex?: number;
  /** One weight per class, shape `[C]`; `'mean'` then divides by the targets' summed weights. */
  weight?: Tensor | null;
}

/**
 * Negative log-likelihood of integer class targets, like `torch.nn.functional.nll_loss`:
 * `loss_i = -weight[t_i] · input[i, t_i]` for log-probabilities `input`. Shapes, `ignoreIndex`
 * and the weighted mean are as in `crossEntropy` (which is `nllLoss` of `logSoftmax`).
 *
 * @example
 * ```ts
 * const logProbs = logSoftmax(logits, 1);
 * nllLoss(logProbs, tensor([0, 2], { dtype: 'int32' })); // == crossEntropy(logits, target)
 * ```
 */
export function nllLoss(input: Tensor, target: Tensor, options: NllLossOptions = {}): Tensor {
  const o = readClassLossOptions('nllLoss', options, false);
  const classDim = checkClassTarget('nllLoss', 'input', input, target, o.weight, o.ignoreIndex);
  return classLoss(input, target, classDim, o);
}
