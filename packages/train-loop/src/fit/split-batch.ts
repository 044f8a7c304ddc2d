import { Tensor } from '@torchlet/tensor';

/** A batch cut into the model's inputs and the target. */
export interface SplitBatch {
  inputs: Tensor[];
  target: Tensor;
}

/**
 * Reads a batch `[input…, target]`: the last tensor is the target, the others go to
 * `model.forward(...inputs)`.
 *
 * @example
 * ```ts
 * const { inputs, target } = splitBatch([xb, yb], 'fit'); // inputs [xb], target yb
 * ```
 */
export function splitBatch(batch: unknown, op: string): SplitBatch {
  if (!Array.isArray(batch) || batch.length < 2) {
    throw new TypeError(
      `${op}: each batch must be an array [input..., target] of at least 2 tensors, got ` +
        (Array.isArray(batch) ? `${batch.length}` : typeof batch),
    );
  }
  batch.forEach((t, i) => {
    if (!(t instanceof Tensor)) throw new TypeError(`${op}: batch element ${i} is not a Tensor`);
  });
  return { inputs: batch.slice(0, -1) as Tensor[], target: batch[batch.length - 1] as Tensor };
}
