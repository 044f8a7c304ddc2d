import type { Tensor } from '@torchlet/tensor';
import { loadSafetensors } from '../safetensors/load-safetensors';
import type { SchedulerLike } from '../types/scheduler-like';
import type { TrainableModel } from '../types/trainable-model';
import type { TrainableOptimizer } from '../types/trainable-optimizer';
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
  model?: TrainableModel;
  optimizer?: TrainableOptimizer;
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
  /** The model tensors by name (what was loaded into `model`). */
  modelState: Record<string, Tensor>;
  /** The raw `__metadata__`. */
  metadata: Record<string, string>;
}

/**
 * Restores a checkpoint written by {@link saveCheckpoint}: the model through `loadStateDict`
 * (names and shapes are checked), then the optimizer and scheduler states. All or nothing: if
 * any part fails, the parts already restored are put back and the error names the file and the
 * mismatch, so a failed load never leaves a half-loaded model.
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
  const modelState: Record<string, Tensor> = {};
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

  // Keep copies to put back if a later part fails; stateDict() views share storage, so clone.
  const modelBackup =
    model !== undefined && (optimizer !== undefined || restoreScheduler)
      ? cloneTensors(model.stateDict())
      : undefined;
  const optimizerBackup =
    optimizer !== undefined && restoreScheduler ? optimizer.stateDict() : undefined;

  if (model !== undefined) {
    try {
      model.loadStateDict(modelState);
    } catch (error) {
      throw fail((error as Error).message, error);
    }
  }
  if (optimizer !== undefined) {
    try {
      optimizer.loadStateDict(optimizerState);
    } catch (error) {
      if (modelBackup !== undefined) model!.loadStateDict(modelBackup);
      throw fail(`optimizer: ${(error as Error).message}`, error);
    }
  }
  if (restoreScheduler) {
    try {
      scheduler!.loadStateDict!(schedulerState);
    } catch (error) {
      if (optimizerBackup !== undefined) optimizer!.loadStateDict(optimizerBackup);
      if (modelBackup !== undefined) model!.loadStateDict(modelBackup);
      throw fail(`scheduler: ${(error as Error).message}`, error);
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

function cloneTensors(state: Record<string, Tensor>): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const [name, t] of Object.entries(state)) out[name] = t.clone();
  return out;
}
