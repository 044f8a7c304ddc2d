import type { Tensor } from '@torchlet/tensor';
import { saveSafetensors } from '../safetensors/save-safetensors';
import type { SchedulerLike } from '../types/scheduler-like';
import type { TrainableModel } from '../types/trainable-model';
import type { TrainableOptimizer } from '../types/trainable-optimizer';
import { flattenState } from './flatten-state';

/**
 * What {@link saveCheckpoint} stores.
 *
 * @example
 * ```ts
 * await saveCheckpoint('last.safetensors', { model, optimizer: opt, step: 100 } satisfies SaveCheckpointOptions);
 * ```
 */
export interface SaveCheckpointOptions {
  /** The model whose `stateDict()` is saved. */
  model: TrainableModel;
  /** The optimizer whose `stateDict()` is saved too, if given. */
  optimizer?: TrainableOptimizer;
  /** Saved when it has `stateDict()`. */
  scheduler?: SchedulerLike;
  /** The training step the state belongs to (stored as metadata `step`). */
  step?: number;
  /** Anything else to keep: JSON-like values, Tensors allowed (stored as `extra.<path>`). */
  extra?: unknown;
  /** More `__metadata__` entries (string values; must not reuse the keys listed below). */
  metadata?: Readonly<Record<string, string>>;
}

/** `__metadata__` keys that {@link saveCheckpoint} writes itself. */
export const CHECKPOINT_METADATA_KEYS = [
  'format',
  'torchlet.checkpoint',
  'step',
  'optimizer',
  'scheduler',
  'extra',
] as const;

/**
 * Saves a training checkpoint as one safetensors file, atomically (a crash mid-write leaves the
 * previous file intact). Like `torch.save`, it saves the state of the moment of the call: every
 * tensor is read (or cloned on its device) before it returns, so training may go on while the
 * file is written without tearing it. Layout:
 *
 * - model tensors under their `state_dict` names (`fc1.weight`, shape `[out, in]`), so
 *   `safetensors.torch.load_file` reads the weights straight into a PyTorch model;
 * - optimizer state tensors under `optimizer.<path>` (`optimizer.state.0.scaleByAdam.mu.fc1.weight`),
 *   scheduler and `extra` tensors likewise under `scheduler.` and `extra.`;
 * - `__metadata__`: `format: "pt"`, `torchlet.checkpoint: "1"`, `step`, and the non-tensor
 *   parts of the optimizer, scheduler and extra states as JSON, with `{"__tensor__": name}`
 *   where a tensor was.
 *
 * @example
 * ```ts
 * await saveCheckpoint('runs/step-100.safetensors', { model, optimizer: opt, step: 100 });
 * const { step } = await loadCheckpoint('runs/step-100.safetensors', { model, optimizer: opt });
 * ```
 */
export async function saveCheckpoint(path: string, options: SaveCheckpointOptions): Promise<void> {
  const { model, optimizer, scheduler, step, extra, metadata: more = {} } = options;
  if (model === undefined || typeof model.stateDict !== 'function') {
    throw new TypeError('saveCheckpoint: options.model must be a Module (with stateDict())');
  }
  if (step !== undefined && !Number.isSafeInteger(step)) {
    throw new RangeError(`saveCheckpoint: step must be an integer, got ${step}`);
  }
  // No prototypes: tensor and metadata names such as __proto__ are ordinary keys.
  const tensors: Record<string, Tensor> = Object.assign(Object.create(null), model.stateDict());
  const metadata: Record<string, string> = Object.create(null);
  metadata.format = 'pt';
  metadata['torchlet.checkpoint'] = '1';
  if (step !== undefined) metadata.step = String(step);

  const addState = (key: 'optimizer' | 'scheduler' | 'extra', state: unknown): void => {
    const flat = flattenState(key, state);
    for (const [name, t] of Object.entries(flat.tensors)) {
      if (name in tensors) {
        throw new Error(
          `saveCheckpoint: the ${key} tensor "${name}" has the name of a model tensor; rename the ` +
            'model field or pass that value elsewhere',
        );
      }
      tensors[name] = t;
    }
    metadata[key] = JSON.stringify(flat.skeleton);
  };
  if (optimizer !== undefined) addState('optimizer', optimizer.stateDict());
  if (scheduler?.stateDict !== undefined) addState('scheduler', scheduler.stateDict());
  if (extra !== undefined) addState('extra', extra);

  for (const [key, value] of Object.entries(more)) {
    if ((CHECKPOINT_METADATA_KEYS as readonly string[]).includes(key)) {
      throw new Error(
        `saveCheckpoint: metadata key "${key}" is reserved for the checkpoint itself`,
      );
    }
    metadata[key] = value;
  }
  await saveSafetensors(path, tensors, metadata);
}
