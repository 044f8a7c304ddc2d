import { adamStep_ } from '@torchlet/tensor';
import type { ParamGroup } from '../optimizer-like';
import type { ChainState } from '../transforms/chain';
import type { ScaleByAdamState } from '../transforms/scale-by-adam';
import type { ScaleByLearningRateState } from '../transforms/scale-by-learning-rate';
import type { Params } from '../types';

/** The hyperparameters Adam and AdamW keep on each group. */
export interface AdamGroup extends ParamGroup {
  betas: readonly [number, number];
  eps: number;
  amsgrad: boolean;
}

/**
 * Adam's or AdamW's step as one `adamStep_` kernel per parameter (torch.optim's float
 * operations, in place), continuing the state of their transform chain and returning it
 * updated. AMSGrad takes the transform path (`undefined`).
 *
 * @example
 * ```ts
 * protected fusedStep(g, state, params, grads) { return adamFusedStep(g, state, params, grads, true); }
 * ```
 */
export function adamFusedStep(
  group: AdamGroup,
  state: unknown,
  params: Params,
  grads: Params,
  decoupled: boolean,
): ChainState | undefined {
  if (group.amsgrad) return undefined;
  const chainState = state as ChainState;
  const adam = chainState.scaleByAdam as ScaleByAdamState;
  const rate = chainState.scaleByLearningRate as ScaleByLearningRateState;
  const count = { ...adam.count };
  for (const name of Object.keys(grads)) {
    const step = (count[name] ?? 0) + 1;
    count[name] = step;
    adamStep_(params[name], grads[name], adam.mu[name], adam.nu[name], {
      lr: group.lr,
      beta1: group.betas[0],
      beta2: group.betas[1],
      eps: group.eps,
      weightDecay: group.weightDecay,
      decoupled,
      step,
    });
  }
  return {
    ...chainState,
    scaleByAdam: { count, mu: adam.mu, nu: adam.nu },
    scaleByLearningRate: { count: rate.count + 1, lr: group.lr },
  };
}
