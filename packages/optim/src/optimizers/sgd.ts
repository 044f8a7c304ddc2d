import type { ParamGroup } from '../optimizer-like';
import { Optimizer, type ParamsInput } from '../optimizer';
import { addDecayedWeights } from '../transforms/add-decayed-weights';
import { chain } from '../transforms/chain';
import { scaleByLearningRate } from '../transforms/scale-by-learning-rate';
import { scaleByMomentum } from '../transforms/scale-by-momentum';
import type { GradientTransform } from '../types';
import { check, checkLearningRate, checkWeightDecay } from '../validate';

/** Hyperparameters of {@link SGD}. */
export interface SGDOptions {
  /** The learning rate. Default 1e-3 (PyTorch requires one). */
  lr?: number;
  /** The momentum factor. Default 0 (none). */
  momentum?: number;
  /**
   * Dampening of the momentum: the gradient enters the buffer scaled by `1 - dampening`. Default 0.
   */
  dampening?: number;
  /** Nesterov momentum (needs `momentum > 0` and `dampening = 0`). Default false. */
  nesterov?: boolean;
  /** L2 penalty, added to the gradient as `weightDecay * param`. Default 0. */
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
    const defaults = { lr: 1e-3, momentum: 0, dampening: 0, nesterov: false, weightDecay: 0 };
    super('SGD', params, defaults, options);
  }

  protected validate(g: ParamGroup & SGDHyper): void {
    checkLearningRate('SGD', g.lr);
    check(
      typeof g.momentum === 'number' && g.momentum >= 0,
      'SGD',
      'momentum value',
      g.momentum,
      'momentum must be a number >= 0',
    );
    check(
      typeof g.dampening === 'number' && Number.isFinite(g.dampening),
      'SGD',
      'dampening value',
      g.dampening,
      'dampening must be a finite number',
    );
    checkWeightDecay('SGD', g.weightDecay);
    check(
      typeof g.nesterov === 'boolean',
      'SGD',
      'nesterov setting',
      g.nesterov,
      'nesterov must be a boolean',
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
