import type { AdamStepOptions } from '@torchlet/tensor';
import type { ParamGroup } from '../optimizer-like';
import { addDecayedWeights } from '../transforms/add-decayed-weights';
import { chain, type Chain } from '../transforms/chain';
import { scaleByAdam, type ScaleByAdamState } from '../transforms/scale-by-adam';
import {
  scaleByLearningRate,
  type ScaleByLearningRateState,
} from '../transforms/scale-by-learning-rate';
import type { GradientTransform } from '../types';

/** The hyperparameters Adam and AdamW keep on each group, besides `lr` and `weightDecay`. */
export type AdamHyper = { betas: readonly [number, number]; eps: number; amsgrad: boolean };

/** One param group of Adam or AdamW. */
export type AdamGroup = ParamGroup & AdamHyper;

type Member = AdamChain['adam'] | AdamChain['decay'] | AdamChain['rate'];

/**
 * An Adam-family transform chain and handles to its members: the fused step reads and writes
 * the members' states through `tx.stateOf(adam, …)`, by identity, never by key.
 */
export interface AdamChain {
  readonly tx: Chain<readonly Member[]>;
  readonly adam: GradientTransform<ScaleByAdamState>;
  readonly decay: GradientTransform<Record<string, never>>;
  readonly rate: GradientTransform<ScaleByLearningRateState>;
  /** The kernel's hyperparameters (all but the step and the kind of decay, which the chain's order gives). */
  readonly hyper: Omit<AdamStepOptions, 'step' | 'decoupled'>;
  readonly amsgrad: boolean;
}

/**
 * The chain one step of an Adam or AdamW group applies, built from the group's current
 * hyperparameters: `chain(scaleByAdam, addDecayedWeights, scaleByLearningRate)` for AdamW's
 * decoupled decay, `chain(addDecayedWeights, scaleByAdam, scaleByLearningRate)` for Adam's L2.
 * Both the transform path and the fused step use it, so they cannot disagree on its layout.
 *
 * @example
 * ```ts
 * const { tx, adam } = adamChain(group, true);
 * const { mu, nu } = tx.stateOf(adam, state);
 * ```
 */
export function adamChain(group: AdamGroup, decoupled: boolean): AdamChain {
  const [b1, b2] = group.betas;
  const adam = scaleByAdam({ b1, b2, eps: group.eps, amsgrad: group.amsgrad });
  const decay = addDecayedWeights(group.weightDecay);
  const rate = scaleByLearningRate(group.lr);
  return {
    tx: decoupled ? chain(adam, decay, rate) : chain(decay, adam, rate),
    adam,
    decay,
    rate,
    hyper: { lr: group.lr, beta1: b1, beta2: b2, eps: group.eps, weightDecay: group.weightDecay },
    amsgrad: group.amsgrad,
  };
}
