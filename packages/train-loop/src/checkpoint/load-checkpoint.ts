import type { Tensor } from '@torchlet/tensor';
import { loadSafetensors } from '../safetensors/load-safetensors';
import type { SchedulerLike } from '../types/scheduler-like';
import type { TrainableModel } from '../types/trainable-model';
import type { TrainableOptimizer } from '../types/trainable-optimizer';
import { checkModelState } from './check-model-state';
import { TENSOR_KEY } from './flatten-state';
import { unflattenState } from './unflatten-state';

/**
 * What {@link loadCheckpoint} restores; each part is optional.
 *
 * @example
 * ```ts
 * await loadCheckpoint('last.safetensors', { model } satisfies LoadCheckpointOptions); // weights only
 * ```
 */
export interface LoadCheckpointOptions {
  /** Receives the saved weights through `loadStateDict`. */
  model?: TrainableModel;
  /** Receives the saved optimizer state (moments, step counts, hyperparameters). */
  optimizer?: TrainableOptimizer;
  /** Receives the saved scheduler state, when it has `loadStateDict`. */
  scheduler?: SchedulerLike;
}

/**
 * What {@link loadCheckpoint} read.
 *
 * @example
 * ```ts
 * const { step, extra }: LoadedCheckpoint = await loadCheckpoint('last.safetensors', { model });
 * ```
 */
export interface LoadedCheckpoint {
  /** The `step` saved with the checkpoint, if any. */
  step: number | undefined;
  /** The `extra` value saved with the checkpoint (tensors restored), if any. */
  extra: unknown;
  /** The model tensors by name (what was loaded into `model`); a record without prototype. */
  modelState: Record<string, Tensor>;
  /** The raw `__metadata__`. */
  metadata: Record<string, string>;
}

/**
 * Restores a checkpoint written by {@link saveCheckpoint}: the model (`loadStateDict`), the
 * optimizer and the scheduler. All or nothing: every part is checked before any is written —
 * the model's keys, shapes and dtypes (as `load_state_dict(strict=True)` checks them, plus the
 * dtype), the optimizer state through `optimizer.checkStateDict` where the optimizer has it
 * (kind, every parameter's state, shapes and dtypes; otherwise its own `loadStateDict`, which
 * must refuse without changing anything, is the check and runs first). Then the optimizer, the
 * scheduler and last the model are loaded; should a later part still fail, the earlier ones
 * are put back. A failed load names the file and the mismatch and leaves model and optimizer
 * as they were, ready to use.
 *
 * @example
 * ```ts
 * const { step } = await loadCheckpoint('runs/last.safetensors', { model, optimizer: opt });
 * ```
 */
export async function loadCheckpoint(
  path: string,
  options: LoadCheckpointOptions = {},
): Promise<LoadedCheckpoint> {
  const { model, optimizer, scheduler } = options;
  const { tensors, metadata } = await loadSafetensors(path);
  const fail = (message: string, cause?: unknown): Error =>
    new Error(`loadCheckpoint(${path}): ${message}`, cause === undefined ? undefined : { cause });

  const parse = (key: string): unknown => {
    const text = metadata[key];
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text);
    } catch (error) {
      throw fail(`metadata "${key}" is not valid JSON`, error);
    }
  };
  const skeletons = {
    optimizer: parse('optimizer'),
    scheduler: parse('scheduler'),
    extra: parse('extra'),
  };
  const referenced = new Set<string>();
  for (const skeleton of Object.values(skeletons)) collectTensorNames(skeleton, referenced);
  // No prototype: a tensor named __proto__ or constructor is an ordinary key.
  const modelState: Record<string, Tensor> = Object.create(null);
  for (const [name, t] of Object.entries(tensors)) if (!referenced.has(name)) modelState[name] = t;

  if (optimizer !== undefined && skeletons.optimizer === undefined) {
    throw fail('the file holds no optimizer state (it was saved without an optimizer)');
  }
  const restoreScheduler = scheduler?.loadStateDict !== undefined;
  if (restoreScheduler && skeletons.scheduler === undefined) {
    throw fail('the file holds no scheduler state (it was saved without a scheduler)');
  }
  const rebuild = (key: keyof typeof skeletons): unknown => {
    try {
      return skeletons[key] === undefined ? undefined : unflattenState(skeletons[key], tensors);
    } catch (error) {
      throw fail((error as Error).message, error);
    }
  };
  const optimizerState = rebuild('optimizer');
  const schedulerState = rebuild('scheduler');
  const extra = rebuild('extra');

  // 1. Check everything that can be checked without writing.
  if (model !== undefined) {
    const problems = checkModelState(model, modelState);
    if (problems.length > 0) {
      const name = (model as { constructor?: { name?: string } }).constructor?.name ?? 'model';
      throw fail(`error(s) in loading state_dict for ${name}:\n\t${problems.join('\n\t')}`);
    }
  }
  const checkOptimizer = optimizer?.checkStateDict;
  if (optimizer !== undefined && checkOptimizer !== undefined) {
    try {
      checkOptimizer.call(optimizer, optimizerState);
    } catch (error) {
      throw fail(`optimizer: ${(error as Error).message}`, error);
    }
  }

  // 2. Write, the optimizer first: without checkStateDict its loadStateDict is the last check.
  // stateDict() returns copies, so these backups survive the loads.
  const optimizerBackup =
    optimizer !== undefined && (restoreScheduler || model !== undefined)
      ? optimizer.stateDict()
      : undefined;
  const schedulerBackup =
    restoreScheduler && model !== undefined ? scheduler!.stateDict?.() : undefined;
  if (optimizer !== undefined) {
    try {
      optimizer.loadStateDict(optimizerState);
    } catch (error) {
      throw fail(`optimizer: ${(error as Error).message}`, error);
    }
  }
  if (restoreScheduler) {
    try {
      scheduler!.loadStateDict!(schedulerState);
    } catch (error) {
      if (optimizerBackup !== undefined) optimizer!.loadStateDict(optimizerBackup);
      throw fail(`scheduler: ${(error as Error).message}`, error);
    }
  }
  if (model !== undefined) {
    try {
      model.loadStateDict(modelState);
    } catch (error) {
      if (schedulerBackup !== undefined) scheduler!.loadStateDict!(schedulerBackup);
      if (optimizerBackup !== undefined) optimizer!.loadStateDict(optimizerBackup);
      throw fail((error as Error).message, error);
    }
  }
  const step = metadata.step === undefined ? undefined : Number(metadata.step);
  return { step, extra, modelState, metadata };
}

function collectTensorNames(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) collectTensorNames(v, out);
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record[TENSOR_KEY] === 'string' && Object.keys(record).length === 1) {
      out.add(record[TENSOR_KEY] as string);
      return;
    }
    for (const v of Object.values(record)) collectTensorNames(v, out);
  }
}
