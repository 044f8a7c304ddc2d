import { formatShape, sameShape, Tensor } from '@torchlet/tensor';
import type { TrainableModel } from '../types/trainable-model';

/**
 * Checks a state dict against a model without writing anything, as `load_state_dict` with
 * `strict=True` does before copying: the same keys, a Tensor for each, with the model's shape
 * and dtype. Returns the problems in PyTorch's words (empty when the state fits). Reads the
 * model through `stateDict()` only, so it works for any {@link TrainableModel}.
 *
 * @example
 * ```ts
 * checkModelState(model, tensors);
 * // ['size mismatch for fc1.weight: copying a param with shape [8,4] from checkpoint, the shape in current model is [16,4].']
 * ```
 */
export function checkModelState(
  model: TrainableModel,
  state: Readonly<Record<string, unknown>>,
): string[] {
  const current = model.stateDict();
  const has = (record: object, key: string) => Object.prototype.hasOwnProperty.call(record, key);
  const unexpected = Object.keys(state).filter((k) => !has(current, k));
  const missing = Object.keys(current).filter((k) => !has(state, k));
  const problems: string[] = [];
  if (unexpected.length > 0) {
    problems.push(
      `Unexpected key(s) in state_dict: ${unexpected.map((k) => `"${k}"`).join(', ')}.`,
    );
  }
  if (missing.length > 0) {
    problems.push(`Missing key(s) in state_dict: ${missing.map((k) => `"${k}"`).join(', ')}.`);
  }
  for (const key of Object.keys(current)) {
    if (!has(state, key)) continue;
    const value = state[key];
    const target = current[key];
    if (!(value instanceof Tensor)) {
      problems.push(`value for ${key} is not a Tensor.`);
    } else if (!sameShape(value.shape, target.shape)) {
      problems.push(
        `size mismatch for ${key}: copying a param with shape ${formatShape(value.shape)} from ` +
          `checkpoint, the shape in current model is ${formatShape(target.shape)}.`,
      );
    } else if (value.dtype !== target.dtype) {
      problems.push(
        `dtype mismatch for ${key}: the checkpoint holds ${value.dtype}, the current model ` +
          `${target.dtype}; convert one of them so that they match.`,
      );
    }
  }
  return problems;
}
