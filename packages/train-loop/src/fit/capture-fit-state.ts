import type { FitRng } from './fit-rng';
import type { FitRun } from './fit-run';
import type { FitState } from './fit-state';

/**
 * The {@link FitState} a checkpoint written now records, so that `fit({ resume })` continues
 * exactly. Before this call's first step (a checkpoint from `onFitStart`): the state it resumed
 * from, or "no step done yet" with the generators as they are now. After it: the step being
 * taken or just taken, the generators now, and those its epoch started with.
 *
 * @example
 * ```ts
 * const state = captureFitState(run, rng);
 * state.step; // the last completed step (-1 before the first)
 * ```
 */
export function captureFitState(run: FitRun, rng: FitRng): FitState {
  if (!run.stepTaken) {
    return (
      run.resumed ?? {
        version: 1,
        step: run.step - 1,
        epoch: run.epoch,
        batchInEpoch: 0,
        rng: rng.capture(),
        epochStartRng: rng.capture(),
        history: run.history,
      }
    );
  }
  return {
    version: 1,
    step: run.at.step,
    epoch: run.at.epoch,
    batchInEpoch: run.at.batchInEpoch,
    rng: rng.capture(),
    epochStartRng: run.epochStartRng,
    history: run.history,
  };
}
