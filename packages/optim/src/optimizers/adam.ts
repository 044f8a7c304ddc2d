import type { ParamGroup } from '../optimizer-like';
import { Optimizer, type ParamsInput } from '../optimizer';
import { addDecayedWeights } from '../transforms/add-decayed-weights';
import { chain } from '../transforms/chain';
import { scaleByAdam } from '../transforms/scale-by-adam';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate';
import type { GradientTransform, Params } from '../types';
import { adamFusedStep } from './adam-fused-step';
import { checkAdamLike } from '../validate';

/** Hyperparameters of {@link Adam}. */
export interface AdamOptions {
  lr?: number;
  betas?: readonly [number, number];
  eps?: number;
  /** L2 penalty added to the gradient (coupled, as in PyTorch's Adam). Default 0. */
  weightDecay?: number;
  amsgrad?: boolean;
}

type AdamHyper = { betas: readonly [number, number]; eps: number; amsgrad: boolean };

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

  protected validate(g: ParamGroup & AdamHyper): void {
    checkAdamLike('Adam', g);
  }

  /** One fused `adamStep_` per parameter (AMSGrad: the transform chain). */
  protected override fusedStep(
    g: ParamGroup & AdamHyper,
    state: unknown,
    params: Params,
    grads: Params,
  ): unknown | undefined {
    return adamFusedStep(g, state, params, grads, false);
  }

  protected transformFor(g: ParamGroup & AdamHyper): GradientTransform {
    return chain(
      addDecayedWeights(g.weightDecay),
      scaleByAdam({ b1: g.betas[0], b2: g.betas[1], eps: g.eps, amsgrad: g.amsgrad }),
      scaleByLearningRate(g.lr),
    );
  }
}
