import type { ParamGroup } from '../optimizer-like';
import { Optimizer, type ParamsInput } from '../optimizer';
import { addDecayedWeights } from '../transforms/add-decayed-weights';
import { chain } from '../transforms/chain';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate';
import { scaleByLion } from '../transforms/scale-by-lion';
import type { GradientTransform } from '../types';
import { check } from '../validate';

/** Hyperparameters of {@link Lion}. */
export interface LionOptions {
  lr?: number;
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
    const { lr = 1e-4, betas = [0.9, 0.99], weightDecay = 0 } = options;
    super('Lion', params, { lr, betas, weightDecay });
  }

  protected validate(g: ParamGroup & LionHyper): void {
    check(
      typeof g.lr === 'number' && g.lr >= 0,
      'Lion',
      'learning rate',
      g.lr,
      'lr must be a number >= 0',
    );
    g.betas.forEach((b, i) =>
      check(b >= 0 && b < 1, 'Lion', `beta parameter at index ${i}`, b, 'betas must lie in [0, 1)'),
    );
    check(
      g.weightDecay >= 0,
      'Lion',
      'weightDecay value',
      g.weightDecay,
      'weightDecay must be >= 0',
    );
  }

  protected transformFor(g: ParamGroup & LionHyper): GradientTransform {
    return chain(
      scaleByLion({ b1: g.betas[0], b2: g.betas[1] }),
      addDecayedWeights(g.weightDecay),
      scaleByLearningRate(g.lr),
    );
  }
}
