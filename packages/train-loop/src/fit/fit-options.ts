import type { Callback } from '../callbacks/callback';
import type { ProgressWriter } from '../progress/progress-writer';
import type { SchedulerLike } from '../types/scheduler-like';
import type { TrainableModel } from '../types/trainable-model';
import type { TrainableOptimizer } from '../types/trainable-optimizer';
import type { BatchSource } from './batch-source';
import type { LossFn } from './evaluate';
import type { Metric } from './metric';

/**
 * Options of `fit`.
 *
 * @example
 * ```ts
 * const options: FitOptions = { model, optimizer, loss: crossEntropy, train: loader, steps: 500 };
 * ```
 */
export interface FitOptions {
  /** The model to train (any `Module`); `fit` switches it between `train()` and `eval()`. */
  model: TrainableModel;
  /** The optimizer: `fit` calls `zeroGrad()` and `step()` around each backward pass. */
  optimizer: TrainableOptimizer;
  /** `(output, target) => scalar Tensor`, e.g. `crossEntropy`. */
  loss: LossFn;
  /** Training batches `[input…, target]`, e.g. a `DataLoader`; read once per epoch. */
  train: BatchSource;
  /** Validation batches, evaluated every `evalEvery` steps and after the last step. */
  val?: BatchSource;
  /** Passes over `train`. At least one of `epochs` and `steps` is needed; the first reached ends training. */
  epochs?: number;
  /** Total optimizer steps (counting those before a resume). */
  steps?: number;
  /**
   * Either a schedule `(step) => lr`, which `fit` applies to every param group before each step
   * (as `opt.paramGroups[0].lr = lr(step)` does), or a scheduler object whose `step()` is called
   * after each optimizer step.
   */
  scheduler?: ((step: number) => number) | SchedulerLike;
  /** Clip the gradients' global L2 norm to this value before each step. */
  clipGradNorm?: number;
  /** Validation metrics: `'loss'`, `'accuracy'`, functions `(output, target) => number`. Default `['loss']`. */
  metrics?: readonly Metric[];
  /** Hooks called at the start, after each step and evaluation, and at the end. */
  callbacks?: readonly Callback[];
  /** Print a log line every this many steps (and at the first and last). Default 100. */
  logEvery?: number;
  /** Evaluate every this many steps (and after the last), or at the end of each epoch. Default `logEvery`. */
  evalEvery?: number | 'epoch';
  /** `'auto'` (default): a redrawn bar on a TTY, plain lines otherwise; `false` prints nothing. */
  progress?: boolean | 'auto' | 'bar' | 'log' | 'none';
  /** Where progress goes (default `process.stdout`, or `console.log` outside Node). */
  output?: ProgressWriter;
  /** Print the loss curves in the terminal at the end (default: when progress is shown). */
  chart?: boolean;
  /** Write the loss curves as an SVG file to this path at the end (Node only). */
  plot?: string;
  /** Title of the SVG plot (default `'Loss'`). */
  plotTitle?: string;
  /** Continue from a checkpoint written by the `checkpoint` callback (or `saveCheckpoint`). */
  resume?: string;
}
