import type { Tensor } from '@torchlet/tensor';

/** Tensors keyed by parameter name (`fc1.weight`): the currency of every transform. */
export type Params = Readonly<Record<string, Tensor>>;

/** A learning rate (or any hyperparameter) as a function of the step count. */
export type Schedule = (step: number) => number;

/**
 * A gradient transformation in the style of optax: a pair of pure functions. `init` builds the
 * state from the parameters; `update` turns gradients into updates and returns the new state.
 * `update` never mutates its inputs. States are named records (never positional tuples), so
 * they are easy to inspect and to save by name.
 *
 * @example
 * ```ts
 * const tx = chain(clipByGlobalNorm(1), scaleByAdam(), addDecayedWeights(0.01), scaleByLearningRate(3e-4));
 * let state = tx.init(params);
 * const { updates, state: next } = tx.update(grads, state, params);
 * ```
 */
export interface GradientTransform<S = unknown, N extends string = string> {
  /**
   * Names the transform's entry in a chain's state record. The built-in transforms type it as
   * a literal (`'scaleByAdam'`), so a chain's typed accessor (`chain(…).stateOf`) refuses,
   * at compile time, a transform of another kind.
   */
  readonly name: N;
  /** The transform's initial state for `params` (zeroed moments, a step count of 0, …). */
  init(params: Params): S;
  /**
   * Turns `grads` into updates, given the current `state` and `params`; returns both without
   * changing its inputs. The optimizer adds the updates to the parameters.
   */
  update(
    grads: Params,
    state: S,
    params: Params,
  ): {
    /** What to add to each parameter, by name. */
    updates: Params;
    /** The new state, for the next update. */
    state: S;
  };
  /**
   * Optional: throws unless `state` is a state this transform could have made for `params`
   * (its keys, and each tensor's presence, shape and dtype), naming the culprit under `path`.
   * Optimizers call it on a loaded state before they keep any of it.
   */
  checkState?(state: unknown, params: Params, path: string): void;
}
