import type { FitContext } from '../callbacks/callback';
import { flattenState } from '../checkpoint/flatten-state';
import { saveCheckpoint } from '../checkpoint/save-checkpoint';
import type { SchedulerLike } from '../types/scheduler-like';
import type { TrainableModel } from '../types/trainable-model';
import type { TrainableOptimizer } from '../types/trainable-optimizer';
import { captureFitState } from './capture-fit-state';
import type { FitRng } from './fit-rng';
import type { FitRun } from './fit-run';
import { FIT_STATE_KEY } from './fit-state';

/**
 * The training objects a {@link FitContext} hands to callbacks.
 *
 * @example
 * ```ts
 * const parts: FitContextParts = { model, optimizer, scheduler: options.scheduler };
 * ```
 */
export interface FitContextParts {
  model: TrainableModel;
  optimizer: TrainableOptimizer;
  scheduler: SchedulerLike | ((step: number) => number) | undefined;
}

/**
 * The {@link FitContext} of a run: a live view of `run` for the callbacks, `stop`, `log`
 * (through `log`), and `saveCheckpoint`, which writes the model, optimizer, scheduler object
 * and the loop's own state ({@link captureFitState}).
 *
 * @example
 * ```ts
 * const ctx = fitContext({ model, optimizer, scheduler }, run, rng, (text) => reporter.line(text));
 * for (const cb of callbacks) await cb.onFitStart?.(ctx);
 * ```
 */
export function fitContext(
  parts: FitContextParts,
  run: FitRun,
  rng: FitRng,
  log: (text: string) => void,
): FitContext {
  const { model, optimizer, scheduler } = parts;
  return {
    model,
    optimizer,
    scheduler,
    history: run.history,
    get step() {
      return run.at.step;
    },
    get epoch() {
      return run.at.epoch;
    },
    get isLastStep() {
      return run.at.isLast;
    },
    get lastCheckpoint() {
      return run.lastCheckpoint;
    },
    stop(reason = 'stopped by a callback') {
      run.stopReason ??= reason;
    },
    async saveCheckpoint(path: string) {
      const state = captureFitState(run, rng);
      await saveCheckpoint(path, {
        model,
        optimizer,
        scheduler: typeof scheduler === 'object' ? scheduler : undefined,
        step: state.step,
        metadata: { [FIT_STATE_KEY]: JSON.stringify(flattenState('fit', state).skeleton) },
      });
      run.lastCheckpoint = { path, step: state.step };
    },
    log,
  };
}
