import { defaultGenerator, type Generator } from '@torchlet/tensor';
import type { RngStates } from './fit-state';

/**
 * The generators whose states decide what a `fit` run draws next: the global one (dropout,
 * unseeded loaders) and the train loader's own, if it has one.
 *
 * @example
 * ```ts
 * const saved = rng.capture();
 * await evaluate(model, val); // an unseeded val loader draws its base seed
 * rng.restore(saved);
 * ```
 */
export interface FitRng {
  /** Their states now. */
  capture(): RngStates;
  /** Puts them back (the loader's only where both it and `states` have one). */
  restore(states: RngStates): void;
}

/**
 * {@link FitRng} over the global generator and `loader` (null: the train source has none).
 *
 * @example
 * ```ts
 * const rng = fitRng(train instanceof DataLoader ? train.generator : null);
 * ```
 */
export function fitRng(loader: Generator | null): FitRng {
  return {
    capture: () => ({ global: defaultGenerator.getState(), loader: loader?.getState() ?? null }),
    restore(states) {
      defaultGenerator.setState(states.global);
      if (loader !== null && states.loader !== null) loader.setState(states.loader);
    },
  };
}
