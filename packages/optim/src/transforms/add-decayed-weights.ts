import { expectRecord } from '../check-param-record';
import type { GradientTransform } from '../types';

/**
 * Adds `weightDecay * param` to each update: decoupled weight decay when placed after
 * `scaleByAdam` (AdamW), L2 regularisation when placed before it (Adam's `weightDecay`).
 * `mask` picks the parameters that decay (for example, not biases and norms).
 *
 * @example
 * ```ts
 * addDecayedWeights(0.01, (name) => !name.endsWith('.bias'));
 * ```
 */
export function addDecayedWeights(
  weightDecay: number,
  mask?: (name: string) => boolean,
): GradientTransform<Record<string, never>, 'addDecayedWeights'> {
  return {
    name: 'addDecayedWeights',
    init: () => ({}),
    update(grads, state, params) {
      if (weightDecay === 0) return { updates: grads, state };
      const updates = { ...grads };
      for (const name of Object.keys(grads)) {
        if (mask && !mask(name)) continue;
        updates[name] = grads[name].add(params[name].mul(weightDecay));
      }
      return { updates, state };
    },
    checkState: (state, _params, path) => void expectRecord(state, path, []),
  };
}
