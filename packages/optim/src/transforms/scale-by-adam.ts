import { zerosLike, type Tensor } from '@torchlet/tensor';
import { checkOptions } from '../check-options';
import { checkParamRecord, expectRecord } from '../check-param-record';
import { mapParams } from '../map-params';
import type { GradientTransform, Params } from '../types';

/** Options of {@link scaleByAdam}. */
export interface ScaleByAdamOptions {
  /** Decay rate of the first moment (PyTorch's `betas[0]`). Default 0.9. */
  b1?: number;
  /** Decay rate of the second moment (PyTorch's `betas[1]`). Default 0.999. */
  b2?: number;
  /** Added to the denominator's square root, for stability. Default 1e-8. */
  eps?: number;
  /** Use the running maximum of the second moment (AMSGrad). */
  amsgrad?: boolean;
}

/** Adam's moments. Counts are per parameter, as PyTorch keeps `state[p]['step']`. */
export interface ScaleByAdamState {
  /** Each parameter's step count, by name. */
  count: Record<string, number>;
  /** The first moments (PyTorch's `exp_avg`), by name. */
  mu: Params;
  /** The second moments (PyTorch's `exp_avg_sq`), by name. */
  nu: Params;
  /** With `amsgrad`: the running maxima of the second moments (`max_exp_avg_sq`). */
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
