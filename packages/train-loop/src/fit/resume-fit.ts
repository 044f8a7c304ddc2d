import { loadCheckpoint } from '../checkpoint/load-checkpoint';
import { unflattenState } from '../checkpoint/unflatten-state';
import type { SchedulerLike } from '../types/scheduler-like';
import type { TrainableModel } from '../types/trainable-model';
import type { TrainableOptimizer } from '../types/trainable-optimizer';
import type { FitRng } from './fit-rng';
import type { FitRun } from './fit-run';
import { FIT_STATE_KEY, type FitState } from './fit-state';
import type { History } from './history';

/**
 * What a resumed `fit` restores from its checkpoint.
 *
 * @example
 * ```ts
 * const target: ResumeTarget = { model, optimizer, scheduler: undefined };
 * ```
 */
export interface ResumeTarget {
  model: TrainableModel;
  optimizer: TrainableOptimizer;
  scheduler: SchedulerLike | undefined;
}

/**
 * Starts a `fit` run: from step 0, or, given the `path` of a checkpoint, with the model,
 * optimizer and scheduler loaded from it and the run placed one step past it. A checkpoint
 * written by `fit` also brings back the history and the position in its epoch, which the epoch
 * reader replays (`run.replay`); one from a plain `saveCheckpoint` only its step.
 *
 * @example
 * ```ts
 * const run = await resumeFit('runs/last.safetensors', { model, optimizer, scheduler }, rng);
 * run.step; // the checkpoint's step + 1
 * ```
 */
export async function resumeFit(
  path: string | undefined,
  target: ResumeTarget,
  rng: FitRng,
): Promise<FitRun> {
  let history: History = { train: [], eval: [] };
  let step = 0;
  let epoch = 0;
  let resumed: FitState | undefined;
  if (path !== undefined) {
    const loaded = await loadCheckpoint(path, target);
    const text = loaded.metadata[FIT_STATE_KEY];
    if (text !== undefined) {
      resumed = unflattenState(JSON.parse(text), {}) as FitState;
      history = resumed.history;
      step = resumed.step + 1;
      epoch = resumed.epoch;
    } else if (loaded.step !== undefined) {
      step = loaded.step + 1;
    }
  }
  return {
    history,
    step,
    epoch,
    resumed,
    replay: resumed,
    at: { step: Math.max(0, step - 1), epoch, batchInEpoch: 0, isLast: false },
    stepTaken: false,
    stepsRun: 0,
    epochStartRng: rng.capture(),
    stopReason: undefined,
    lastCheckpoint: null,
  };
}
