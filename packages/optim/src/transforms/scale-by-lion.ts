import { zerosLike, type Tensor } from '@torchlet/tensor';
import { checkOptions } from '../check-options';
import { checkParamRecord, expectRecord } from '../check-param-record';
import { mapParams } from '../map-params';
import type { GradientTransform, Params } from '../types';

/** Lion's momentum. */
export interface ScaleByLionState {
  /** The momentum of each parameter, by name. */
  mu: Params;
}

/**
 * Lion (Chen et al., 2023): the update is `sign(b1 * m + (1 - b1) * g)`, and the momentum
 * moves with `b2`.
 *
 * @example
 * ```ts
 * chain(scaleByLion(), addDecayedWeights(0.1), scaleByLearningRate(1e-4));
 * ```
 */
export function scaleByLion(
  options: { b1?: number; b2?: number } = {},
): GradientTransform<ScaleByLionState, 'scaleByLion'> {
  checkOptions('scaleByLion', options, ['b1', 'b2']);
  const { b1 = 0.9, b2 = 0.99 } = options;
  return {
    name: 'scaleByLion',
    init: (params) => ({ mu: mapParams(params, (p) => zerosLike(p)) }),
    update(grads, state) {
      const mu: Record<string, Tensor> = { ...state.mu };
      const updates: Record<string, Tensor> = {};
      for (const name of Object.keys(grads)) {
        const g = grads[name];
        updates[name] = state.mu[name]
          .mul(b1)
          .add(g.mul(1 - b1))
          .sign();
        mu[name] = state.mu[name].mul(b2).add(g.mul(1 - b2));
      }
      return { updates, state: { mu } };
    },
    checkState(state, params, path) {
      const record = expectRecord(state, path, ['mu']);
      checkParamRecord(record.mu, params, `${path}.mu`, { kind: 'tensor', complete: true });
    },
  };
}
