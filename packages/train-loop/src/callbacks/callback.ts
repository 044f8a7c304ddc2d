import type { EvalRow, History, TrainRow } from '../fit/history';
import type { SchedulerLike } from '../types/scheduler-like';
import type { TrainableModel } from '../types/trainable-model';
import type { TrainableOptimizer } from '../types/trainable-optimizer';

/**
 * The state of a running `fit`, handed to every callback.
 *
 * @example
 * ```ts
 * const cb: Callback = { onEvalEnd: (ctx: FitContext, row) => { if (row.loss < 0.1) ctx.stop('good enough'); } };
 * ```
 */
export interface FitContext {
  /** The model being trained. */
  readonly model: TrainableModel;
  /** The optimizer stepping it. */
  readonly optimizer: TrainableOptimizer;
  /** The scheduler or schedule `fit` was given, if any. */
  readonly scheduler: SchedulerLike | ((step: number) => number) | undefined;
  /** Everything recorded so far (live; do not modify). */
  readonly history: History;
  /** The step that just finished (0-based), or the last one at `onFitEnd`. */
  readonly step: number;
  /** The epoch of that step (0-based). */
  readonly epoch: number;
  /** True during the run's final step, when the number of steps is known in advance. */
  readonly isLastStep: boolean;
  /** The last checkpoint written during this run, if any. */
  readonly lastCheckpoint: {
    /** Where it was written. */
    path: string;
    /** The step it was written after. */
    step: number;
  } | null;
  /** Ends training after the current step; the reason goes to `history.stopReason` and the log. */
  stop(reason?: string): void;
  /**
   * Writes a checkpoint of the model, optimizer, scheduler and the loop itself (step, epoch,
   * position in the epoch, random generator states, history), from which `fit({ resume })`
   * continues with bit-identical losses.
   */
  saveCheckpoint(path: string): Promise<void>;
  /** Prints a permanent line through the progress display. */
  log(text: string): void;
}

/**
 * Hooks into `fit`. Every hook may be async; `fit` awaits it.
 *
 * @example
 * ```ts
 * const printNorms: Callback = {
 *   onStepEnd(ctx, row) {
 *     if (row.gradNorm > 10) ctx.log(`step ${row.step}: large gradient norm ${row.gradNorm}`);
 *   },
 * };
 * await fit({ ..., callbacks: [printNorms] });
 * ```
 */
export interface Callback {
  /** Before the first step (also when resuming); reset per-run state here. */
  onFitStart?(ctx: FitContext): void | Promise<void>;
  /** After every step, after the evaluation and log line of that step. */
  onStepEnd?(ctx: FitContext, row: TrainRow): void | Promise<void>;
  /** After every evaluation on the validation loader. */
  onEvalEnd?(ctx: FitContext, row: EvalRow): void | Promise<void>;
  /** After the last step and the final evaluation (not when `fit` throws). */
  onFitEnd?(ctx: FitContext): void | Promise<void>;
}
