import { expectRecord } from '../check-param-record';
import type { GradientTransform, Params } from '../types';

/** The state of a chain: each transform's state under its name. */
export type ChainState = Record<string, unknown>;

/**
 * Runs transforms one after another, feeding each one's updates to the next. The state is a
 * record keyed by transform name (`scaleByAdam`, `scaleByLearningRate`, …; a repeated name
 * gets a `#2` suffix), so `state.scaleByLearningRate.lr` is easy to find.
 *
 * @example
 * ```ts
 * const adamw = chain(scaleByAdam(), addDecayedWeights(0.01), scaleByLearningRate(1e-3));
 * ```
 */
export function chain(...transforms: GradientTransform<any>[]): GradientTransform<ChainState> {
  // eslint-disable-line @typescript-eslint/no-explicit-any
  const keys: string[] = [];
  for (const t of transforms) {
    let key = t.name;
    for (let i = 2; keys.includes(key); i++) key = `${t.name}#${i}`;
    keys.push(key);
  }
  return {
    name: 'chain',
    init(params) {
      const state: ChainState = {};
      transforms.forEach((t, i) => (state[keys[i]] = t.init(params)));
      return state;
    },
    update(grads, state, params) {
      let updates: Params = grads;
      const next: ChainState = {};
      transforms.forEach((t, i) => {
        const result = t.update(updates, state[keys[i]], params);
        updates = result.updates;
        next[keys[i]] = result.state;
      });
      return { updates, state: next };
    },
    checkState(state, params, path) {
      const record = expectRecord(state, path, keys);
      transforms.forEach((t, i) => t.checkState?.(record[keys[i]], params, `${path}.${keys[i]}`));
    },
  };
}
