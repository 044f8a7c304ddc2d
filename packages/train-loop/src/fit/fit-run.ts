import type { FitState, RngStates } from './fit-state';
import type { History } from './history';

/**
 * The step `fit` is taking (or took last), as callbacks see it.
 *
 * @example
 * ```ts
 * const at: StepPosition = { step: 7, epoch: 2, batchInEpoch: 2, isLast: false };
 * ```
 */
export interface StepPosition {
  step: number;
  epoch: number;
  /** 1-based: the batch of this step within its epoch. */
  batchInEpoch: number;
  isLast: boolean;
}

/**
 * Where a `fit` call stands. `resumeFit` creates it; the epoch reader, the step loop and
 * checkpoints read and advance it.
 *
 * @example
 * ```ts
 * const run = await resumeFit(options.resume, { model, optimizer, scheduler }, rng);
 * run.step; // the next step to take: 0, or one past the checkpoint's
 * ```
 */
export interface FitRun {
  /** Every step and evaluation so far, those before a resume included. */
  readonly history: History;
  /** The next step to take. */
  step: number;
  /** The epoch being read. */
  epoch: number;
  /** The state this call resumed from, if any. */
  readonly resumed: FitState | undefined;
  /** The resumed epoch still to replay; cleared when the epoch starts. */
  replay: FitState | undefined;
  /** The step being taken, or the last one taken. */
  at: StepPosition;
  /** Set when this call's first step starts: from then on, `at` says where the run is. */
  stepTaken: boolean;
  /** Steps taken by this call. */
  stepsRun: number;
  /** Generator states when this epoch's iterator was created, to replay the epoch's order. */
  epochStartRng: RngStates;
  /** Set by a callback's `stop(reason)`: training ends after the current step. */
  stopReason: string | undefined;
  /** The last checkpoint this call wrote. */
  lastCheckpoint: { path: string; step: number } | null;
}
