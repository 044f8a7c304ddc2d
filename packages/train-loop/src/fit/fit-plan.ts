import type { SchedulerLike } from '../types/scheduler-like';
import type { BatchSource } from './batch-source';
import type { FitOptions } from './fit-options';
import type { Metric } from './metric';

/**
 * `fit`'s options with their defaults filled in, and what the run's length decides.
 *
 * @example
 * ```ts
 * const plan = planFit({ ...options, steps: 500 });
 * plan.isLast(499, 0, 500); // true
 * ```
 */
export interface FitPlan {
  logEvery: number;
  evalEvery: number | 'epoch';
  metrics: readonly Metric[];
  /** The schedule `(step) => lr`, where `options.scheduler` is one. */
  schedule: ((step: number) => number) | undefined;
  /** The scheduler object, where `options.scheduler` is one. */
  scheduler: SchedulerLike | undefined;
  /** The clipping norm (`Infinity`: measure the norm, clip nothing). */
  maxNorm: number;
  /** Batches per epoch, where `train` has a length. */
  trainLength: number | undefined;
  /** Steps in the whole run, where known in advance (the progress bar's 100%). */
  total: number | undefined;
  /** Whether this step is the run's last one, as far as known in advance. */
  isLast(step: number, epoch: number, batchInEpoch: number): boolean;
  /** Whether this batch is the last of an epoch of known length. */
  endsEpoch(batchInEpoch: number): boolean;
}

/**
 * Reads the defaults and the run's length out of (checked) `fit` options.
 *
 * @example
 * ```ts
 * planFit({ model, optimizer, loss, train: loader, epochs: 2 }).total; // 2 * loader.length
 * ```
 */
export function planFit(options: FitOptions): FitPlan {
  const { epochs, steps } = options;
  const logEvery = options.logEvery ?? 100;
  const trainLength = lengthOf(options.train);
  const total =
    steps !== undefined
      ? epochs !== undefined && trainLength !== undefined
        ? Math.min(steps, epochs * trainLength)
        : steps
      : trainLength !== undefined
        ? epochs! * trainLength
        : undefined;
  const endsEpoch = (batchInEpoch: number) =>
    trainLength !== undefined && batchInEpoch === trainLength;
  return {
    logEvery,
    evalEvery: options.evalEvery ?? logEvery,
    metrics: options.metrics ?? ['loss'],
    schedule: typeof options.scheduler === 'function' ? options.scheduler : undefined,
    scheduler: typeof options.scheduler === 'object' ? options.scheduler : undefined,
    maxNorm: options.clipGradNorm ?? Infinity,
    trainLength,
    total,
    isLast: (step, epoch, batchInEpoch) =>
      (steps !== undefined && step === steps - 1) ||
      (epochs !== undefined && epoch === epochs - 1 && endsEpoch(batchInEpoch)),
    endsEpoch,
  };
}

function lengthOf(source: BatchSource): number | undefined {
  try {
    const n = (source as { length?: unknown }).length;
    return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
  } catch {
    return undefined;
  }
}
