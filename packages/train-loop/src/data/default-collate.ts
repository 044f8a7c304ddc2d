import { stack, tensor, Tensor } from '@torchlet/tensor';

/**
 * Turns a list of samples into one batch, like PyTorch's `default_collate`: a sample that is a
 * Tensor, a number or a boolean becomes one batched tensor; a sample that is an array (a tuple
 * such as `[x, y]`) gives one batched tensor per position. Tensors are stacked along a new
 * first dim. Numbers become int32 when all are integers (class labels), else float32 (PyTorch
 * would make int64 and float64, which torchlet models do not use); pass your own `collate` to
 * the DataLoader for anything else.
 *
 * @example
 * ```ts
 * defaultCollate([[x0, 1], [x1, 0]]); // [stack([x0, x1]), tensor([1, 0], int32)]
 * ```
 */
export function defaultCollate(samples: readonly unknown[]): Tensor[] {
  if (samples.length === 0) throw new RangeError('defaultCollate: expected at least one sample');
  const first = samples[0];
  if (!Array.isArray(first)) return [collateField(samples, 'sample')];
  const width = first.length;
  samples.forEach((s, i) => {
    if (!Array.isArray(s) || s.length !== width) {
      throw new TypeError(
        `defaultCollate: sample ${i} is not an array of ${width} fields like sample 0; ` +
          'every sample must have the same structure',
      );
    }
  });
  const out: Tensor[] = [];
  for (let f = 0; f < width; f++) {
    out.push(
      collateField(
        samples.map((s) => (s as unknown[])[f]),
        `field ${f}`,
      ),
    );
  }
  return out;
}

function collateField(values: readonly unknown[], what: string): Tensor {
  const first = values[0];
  if (first instanceof Tensor) {
    values.forEach((v, i) => {
      if (!(v instanceof Tensor)) {
        throw new TypeError(`defaultCollate: ${what} of sample ${i} is not a Tensor like sample 0`);
      }
    });
    return stack(values as Tensor[]);
  }
  if (typeof first === 'number' || typeof first === 'boolean') {
    const kind = typeof first;
    values.forEach((v, i) => {
      if (typeof v !== kind) {
        throw new TypeError(
          `defaultCollate: ${what} of sample ${i} is not a ${kind} like sample 0`,
        );
      }
    });
    if (kind === 'boolean') return tensor(values as boolean[]);
    const numbers = values as number[];
    return tensor(numbers, { dtype: numbers.every(Number.isInteger) ? 'int32' : 'float32' });
  }
  throw new TypeError(
    `defaultCollate: cannot batch ${what} of type ${typeof first}; samples may hold Tensors, ` +
      'numbers and booleans, or pass collate to the DataLoader',
  );
}
