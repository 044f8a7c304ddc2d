import { Optimizer, type ParamsInput } from '../optimizer';
import type { GradientTransform, Params } from '../types';
import { checkAdamLike } from '../validate';
import { adamChain, type AdamGroup, type AdamHyper } from './adam-chain';
import { adamFusedStep } from './adam-fused-step';
import type { AdamOptions } from './adam-options';

/**
 * Adam, like `torch.optim.Adam`: `chain(addDecayedWeights, scaleByAdam, scaleByLearningRate)`
 * (the weight decay is L2, added to the gradient before the moments).
 *
 * @example
 * ```ts
 * const opt = new Adam(model.parameters(), { lr: 1e-3 });
 * ```
 */
export class Adam extends Optimizer<AdamHyper> {
  constructor(params: ParamsInput, options: AdamOptions = {}) {
    const defaults = { lr: 1e-3, betas: [0.9, 0.999] as const, eps: 1e-8, weightDecay: 0 };
    super('Adam', params, { ...defaults, amsgrad: false }, options);
  }

  protected validate(g: AdamGroup): void {
    checkAdamLike('Adam', g);
  }

  /** One fused `adamStep_` per parameter (AMSGrad: the transform chain). */
  protected override fusedStep(
    g: AdamGroup,
    state: unknown,
    params: Params,
    grads: Params,
  ): unknown | undefined {
    return adamFusedStep(adamChain(g, false), state, params, grads);
  }

  protected transformFor(g: AdamGroup): GradientTransform {
    return adamChain(g, false).tx;
  }
}
