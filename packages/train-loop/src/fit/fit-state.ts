import type { Generator } from '@torchlet/tensor';
import type { History } from './history';

/**
 * A generator's state as `Generator.getState()` returns it (plain JSON).
 *
 * @example
 * ```ts
 * const state: GeneratorState = defaultGenerator.getState();
 * ```
 */
export type GeneratorState = ReturnType<Generator['getState']>;

/**
 * The random generators whose state decides what a training run draws next.
 *
 * @example
 * ```ts
 * const rng: RngStates = { global: defaultGenerator.getState(), loader: null };
 * ```
 */
export interface RngStates {
  /** The global generator (`manualSeed`): dropout, initialisation, unseeded loaders. */
  global: GeneratorState;
  /** The train DataLoader's own generator, if it has one. */
  loader: GeneratorState | null;
}

/**
 * Where a `fit` run stands, stored in checkpoints as the `torchlet.fit` metadata entry so that
 * `fit({ resume })` continues exactly: the next batch is the one the uninterrupted run would
 * have drawn, and every random draw after it is the same.
 *
 * @example
 * ```ts
 * const state: FitState = JSON.parse(metadata['torchlet.fit']);
 * state.step; // the last completed step
 * ```
 */
export interface FitState {
  /** The format version of this record. */
  version: 1;
  /** The last completed step. */
  step: number;
  /** The epoch of that step (0-based). */
  epoch: number;
  /** Batches taken from the train loader in this epoch, including the last step's. */
  batchInEpoch: number;
  /** Generator states right after the step (and its evaluation). */
  rng: RngStates;
  /** Generator states when this epoch's iterator was created, to replay the epoch's order. */
  epochStartRng: RngStates;
  /** Everything recorded so far. */
  history: History;
}

/** The `__metadata__` key of {@link FitState}. */
export const FIT_STATE_KEY = 'torchlet.fit';
