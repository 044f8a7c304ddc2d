import type { ParamGroup } from '../optimizer-like';
import { Optimizer, type ParamsInput } from '../optimizer';
import { addDecayedWeights } from '../transforms/add-decayed-weights';
import { chain } from '../transforms/chain';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate';
import { scaleByLion } from '../transforms/scale-by-lion';
import type { GradientTransform } from '../types';
import { checkBetas, checkLearningRate, checkWeightDecay } from '../validate';

/** Hyperparameters of {@link Lion}. */
export interface LionOptions {
  /** The learning rate. Default 1e-4. */
  lr?: number;
  /** `[b1, b2]`: the update's interpolation and the momentum's decay. Default `[0.9, 0.99]`. */
  betas?: readonly [number, number];
  /** Decoupled weight decay. Default 0. */
  weightDecay?: number;
}

type LionHyper = { betas: readonly [number, number] };

/**
 * Lion (EvoLved Sign Momentum, Chen et al. 2023): sign updates with decoupled weight decay;
 * use a 3–10× smaller lr than AdamW. `chain(scaleByLion, addDecayedWeights, scaleByLearningRate)`.
 *
 * @example
 * ```ts
 * const opt = new Lion(model.parameters(), { lr: 1e-4, weightDecay: 0.1 });
 * ```
 */
export class Lion extends Optimizer<LionHyper> {
  constructor(params: ParamsInput, options: LionOptions = {}) {
    super('Lion', params, { lr: 1e-4, betas: [0.9, 0.99] as const, weightDecay: 0 }, options);
  }

  protected validate(g: ParamGroup & LionHyper): void {
    checkLearningRate('Lion', g.lr);
    checkBetas('Lion', g.betas);
    checkWeightDecay('Lion', g.weightDecay);
  }

  protected transformFor(g: ParamGroup & LionHyper): GradientTransform {
    return chain(
      scaleByLion({ b1: g.betas[0], b2: g.betas[1] }),
      addDecayedWeights(g.weightDecay),
      scaleByLearningRate(g.lr),
    );
  }
}
