import { Optimizer, type ParamsInput } from '../optimizer';
import type { GradientTransform, Params } from '../types';
import { checkAdamLike } from '../validate';
import { adamChain, type AdamGroup, type AdamHyper } from './adam-chain';
import { adamFusedStep } from './adam-fused-step';
import type { AdamWOptions } from './adam-options';

/**
 * AdamW (Loshchilov & Hutter): Adam with decoupled weight decay, like `torch.optim.AdamW`.
 * It is `chain(scaleByAdam, addDecayedWeights, scaleByLearningRate)` per param group:
 * `p ← p − lr · (m̂ / (√v̂ + ε) + λ p)`. Its options are {@link AdamOptions}, with
 * `weightDecay` defaulting to 0.01.
 *
 * @example
 * ```ts
 * const opt = new AdamW(model.namedParameters(), { lr: 3e-4, weightDecay: 0.01 });
 * opt.setLr(1e-4); // every group, from the next step on
 * ```
 */
export class AdamW extends Optimizer<AdamHyper> {
  constructor(params: ParamsInput, options: AdamWOptions = {}) {
    const defaults = { lr: 1e-3, betas: [0.9, 0.999] as const, eps: 1e-8, weightDecay: 1e-2 };
    super('AdamW', params, { ...defaults, amsgrad: false }, options);
  }

  protected validate(g: AdamGroup): void {
    checkAdamLike('AdamW', g);
  }

  /** One fused `adamStep_` per parameter (AMSGrad: the transform chain). */
  protected override fusedStep(
    g: AdamGroup,
    state: unknown,
    params: Params,
    grads: Params,
  ): unknown | undefined {
    return adamFusedStep(adamChain(g, true), state, params, grads);
  }

  protected transformFor(g: AdamGroup): GradientTransform {
    return adamChain(g, true).tx;
  }
}
