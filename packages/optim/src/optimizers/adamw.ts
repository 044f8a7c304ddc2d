import type { ParamGroup } from '../optimizer-like';
import { Optimizer, type ParamsInput } from '../optimizer';
import { addDecayedWeights } from '../transforms/add-decayed-weights';
import { chain } from '../transforms/chain';
import { scaleByAdam } from '../transforms/scale-by-adam';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate';
import type { GradientTransform, Params } from '../types';
import { adamFusedStep } from './adam-fused-step';
import { checkAdamLike } from '../validate';

/** Hyperparameters of {@link AdamW} (each may be set per param group). */
export interface AdamWOptions {
  lr?: number;
  betas?: readonly [number, number];
  eps?: number;
  /** Decoupled weight decay. Default 0.01, as in PyTorch. */
  weightDecay?: number;
  amsgrad?: boolean;
}

type AdamWHyper = { betas: readonly [number, number]; eps: number; amsgrad: boolean };

/**
 * AdamW (Loshchilov & Hutter): Adam with decoupled weight decay, like `torch.optim.AdamW`.
 * It is `chain(scaleByAdam, addDecayedWeights, scaleByLearningRate)` per param group:
 * `p ← p − lr · (m̂ / (√v̂ + ε) + λ p)`.
 *
 * @example
 * ```ts
 * const opt = new AdamW(model.namedParameters(), { lr: 3e-4, weightDecay: 0.01 });
 * opt.paramGroups[0].lr = 1e-4; // takes effect at the next step
 * ```
 */
export class AdamW extends Optimizer<AdamWHyper> {
  constructor(params: ParamsInput, options: AdamWOptions = {}) {
    const defaults = { lr: 1e-3, betas: [0.9, 0.999] as const, eps: 1e-8, weightDecay: 1e-2 };
    super('AdamW', params, { ...defaults, amsgrad: false }, options);
  }

  protected validate(g: ParamGroup & AdamWHyper): void {
    checkAdamLike('AdamW', g);
  }

  /** One fused `adamStep_` per parameter (AMSGrad: the transform chain). */
  protected override fusedStep(
    g: ParamGroup & AdamWHyper,
    state: unknown,
    params: Params,
    grads: Params,
  ): unknown | undefined {
    return adamFusedStep(g, state, params, grads, true);
  }

  protected transformFor(g: ParamGroup & AdamWHyper): GradientTransform {
    return chain(
      scaleByAdam({ b1: g.betas[0], b2: g.betas[1], eps: g.eps, amsgrad: g.amsgrad }),
      addDecayedWeights(g.weightDecay),
      scaleByLearningRate(g.lr),
    );
  }
}
