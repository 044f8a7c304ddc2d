import { zerosLike, type Tensor } from '@torchlet/tensor';
import { checkOptions } from '../check-options';
import { checkParamRecord, expectRecord } from '../check-param-record';
import { mapParams } from '../map-params';
import type { GradientTransform, Params } from '../types';

/** Options of {@link scaleByAdam}. */
export interface ScaleByAdamOptions {
  b1?: number;
  b2?: number;
  eps?: number;
  /** Use the running maximum of the second moment (AMSGrad). */
  amsgrad?: boolean;
}

/** Adam's moments. Counts are per parameter, as PyTorch keeps `state[p]['step']`. */
export interface ScaleByAdamState {
  count: Record<string, number>;
  mu: Params;
  nu: Params;
  nuMax?: Params;
}

/**
 * Rescales gradients by Adam's bias-corrected moments: `m̂ / (sqrt(v̂) + eps)`, computed in
 * PyTorch's order (`(m / (1-b1^t)) / (sqrt(v) / sqrt(1-b2^t) + eps)`).
 *
 * @example
 * ```ts
 * const adam = chain(scaleByAdam({ b1: 0.9, b2: 0.999 }), scaleByLearningRate(1e-3));
 * ```
 */
export function scaleByAdam(
  options: ScaleByAdamOptions = {},
): GradientTransform<ScaleByAdamState, 'scaleByAdam'> {
  checkOptions('scaleByAdam', options, ['b1', 'b2', 'eps', 'amsgrad']);
  const { b1 = 0.9, b2 = 0.999, eps = 1e-8, amsgrad = false } = options;
  return {
    name: 'scaleByAdam',
    init(params) {
      const zeros = () => mapParams(params, (p) => zerosLike(p));
      const count: Record<string, number> = {};
      for (const name of Object.keys(params)) count[name] = 0;
      return amsgrad
        ? { count, mu: zeros(), nu: zeros(), nuMax: zeros() }
        : { count, mu: zeros(), nu: zeros() };
    },
    update(grads, state) {
      const count = { ...state.count };
      const mu = { ...state.mu };
      const nu = { ...state.nu };
      const nuMax = state.nuMax ? { ...state.nuMax } : undefined;
      const updates: Record<string, Tensor> = {};
      for (const name of Object.keys(grads)) {
        const g = grads[name];
        const t = (count[name] ?? 0) + 1;
        count[name] = t;
        mu[name] = state.mu[name].mul(b1).add(g.mul(1 - b1));
        nu[name] = state.nu[name].mul(b2).add(g.mul(g).mul(1 - b2));
        let second = nu[name];
        if (nuMax) {
          nuMax[name] = state.nuMax![name].maximum(nu[name]);
          second = nuMax[name];
        }
        const bias1 = 1 - b1 ** t;
        const bias2Sqrt = Math.sqrt(1 - b2 ** t);
        updates[name] = mu[name].div(second.sqrt().div(bias2Sqrt).add(eps)).div(bias1);
      }
      return { updates, state: nuMax ? { count, mu, nu, nuMax } : { count, mu, nu } };
    },
    checkState(state, params, path) {
      const moments = amsgrad ? ['mu', 'nu', 'nuMax'] : ['mu', 'nu'];
      const record = expectRecord(state, path, ['count', ...moments]);
      checkParamRecord(record.count, params, `${path}.count`, { kind: 'count', complete: true });
      for (const m of moments) {
        checkParamRecord(record[m], params, `${path}.${m}`, { kind: 'tensor', complete: true });
      }
    },
  };
}
