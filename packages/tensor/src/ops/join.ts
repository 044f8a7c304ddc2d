import { promoteTypes } from '../dtype';
import { record } from '../gradient-engine';
import { formatShape, normalizeDim } from '../shape';
import type { Tensor } from '../tensor';
import { cast } from './cast';
import { expectTensor, fromBuffer } from './operand';
import { unsqueeze } from './views';

/**
 * Joins tensors along an existing dim; all other dims must match.
 *
 * @example
 * ```ts
 * cat([zeros([2, 3]), ones([1, 3])], 0).shape; // [3, 3]
 * ```
 */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0) {
    throw new RangeError('cat: expected a non-empty array of tensors');
  }
  tensors.forEach((t, i) => expectTensor('cat', t, `tensors[${i}]`));
  const first = tensors[0];
  const d = normalizeDim('cat', dim, first.ndim);
  if (first.ndim === 0)
    throw new RangeError('cat: zero-dimensional tensors cannot be concatenated; use stack');
  let dtype = first.dtype;
  for (let i = 1; i < tensors.length; i++) {
    const t = tensors[i];
    const ok =
      t.ndim === first.ndim &&
      t.shape.every((s: number, j: number) => j === d || s === first.shape[j]);
    if (!ok) {
      throw new RangeError(
        `cat: sizes of tensors must match except in dimension ${d}; tensors[0] is ${formatShape(first.shape)}, ` +
          `tensors[${i}] is ${formatShape(t.shape)}`,
      );
    }
    if (t.backend !== first.backend)
      throw new TypeError(`cat: all tensors must be on the same device`);
    dtype = promoteTypes(dtype, t.dtype);
  }
  const inputs = tensors.map((t) => cast(t, dtype));
  const shape = [...first.shape];
  shape[d] = inputs.reduce((s, t) => s + t.shape[d], 0);
  const out = fromBuffer(first, first.backend.cat(inputs, d, dtype), shape, dtype);
  return record('cat', inputs, out, { dim: d });
}

/**
 * Joins same-shaped tensors along a new dim.
 *
 * @example
 * ```ts
 * stack([zeros([2]), ones([2])], 0).shape; // [2, 2]
 * ```
 */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0) {
    throw new RangeError('stack: expected a non-empty array of tensors');
  }
  tensors.forEach((t, i) => expectTensor('stack', t, `tensors[${i}]`));
  const first = tensors[0];
  for (let i = 1; i < tensors.length; i++) {
    const t = tensors[i];
    if (t.ndim !== first.ndim || t.shape.some((s: number, j: number) => s !== first.shape[j])) {
      throw new RangeError(
        `stack: expects each tensor to be equal size, but got ${formatShape(first.shape)} at entry 0 and ` +
          `${formatShape(t.shape)} at entry ${i}`,
      );
    }
  }
  const d = normalizeDim('stack', dim, first.ndim + 1);
  return cat(
    tensors.map((t) => unsqueeze(t, d)),
    d,
  );
}
