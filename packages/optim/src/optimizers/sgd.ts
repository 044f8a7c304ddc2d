import type { ParamGroup } from '../optimizer-like';
import { Optimizer, type ParamsInput } from '../optimizer';
import { addDecayedWeights } from '../transforms/add-decayed-weights';
import { chain } from '../transforms/chain';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate';
import { scaleByMomentum } from '../transforms/scale-by-momentum';
import type { GradientTransform } from '../types';
import { check } from '../validate';

/** Hyperparameters of {@link SGD}. */
export interface SGDOptions {
  lr?: number;
  momentum?: number;
  dampening?: number;
  nesterov?: boolean;
  weightDecay?: number;
}

type SGDHyper = { momentum: number; dampening: number; nesterov: boolean };

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov and L2 weight decay,
 * like `torch.optim.SGD`: `chain(addDecayedWeights, scaleByMomentum, scaleByLearningRate)`.
 *
 * @example
 * ```ts
 * const opt = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9, nesterov: true });
 * ```
 */
export class SGD extends Optimizer<SGDHyper> {
  constructor(params: ParamsInput, options: SGDOptions = {}) {
    const { lr = 1e-3, momentum = 0, dampening = 0, nesterov = false, weightDecay = 0 } = options;
    super('SGD', params, { lr, momentum, dampening, nesterov, weightDecay });
  }

  protected validate(g: ParamGroup & SGDHyper): void {
    check(
      typeof g.lr === 'number' && g.lr >= 0,
      'SGD',
      'learning rate',
      g.lr,
      'lr must be a number >= 0',
    );
    check(g.momentum >= 0, 'SGD', 'momentum value', g.momentum, 'momentum must be >= 0');
    check(
      g.weightDecay >= 0,
      'SGD',
      'weightDecay value',
      g.weightDecay,
      'weightDecay must be >= 0',
    );
    check(
      !g.nesterov || (g.momentum > 0 && g.dampening === 0),
      'SGD',
      'nesterov setting',
      g.nesterov,
      'Nesterov momentum requires a momentum and zero dampening',
    );
  }

  protected transformFor(g: ParamGroup & SGDHyper): GradientTransform {
    return chain(
      addDecayedWeights(g.weightDecay),
      scaleByMomentum({ momentum: g.momentum, dampening: g.dampening, nesterov: g.nesterov }),
      scaleByLearningRate(g.lr),
    );
  }
}
