import { formatShape, normalizeDim } from '../shape';
import type { Tensor } from '../tensor';
import { expectTensor } from './operand';
import { indexArg } from './scalar-arg';
import { narrow } from './views';

/**
 * Cuts `x` along `dim` into views (no copies), like `torch.split`. A number is the size of each
 * piece, the last one taking what is left (`split(x, 3)` on 10 rows gives 3, 3, 3, 1); an array
 * gives every piece's size and must sum to the dim's size. Gradients flow back through each
 * piece to its slice of `x`.
 *
 * @example
 * ```ts
 * const [a, b] = split(arange(10), [4, 6]); // a is [0..3], b is [4..9]
 * const [q, k, v] = qkv.split(embedDim, -1); // one projection cut into three
 * ```
 */
export function split(
  x: Tensor,
  splitSizeOrSections: number | Tensor | readonly (number | Tensor)[],
  dim = 0,
): Tensor[] {
  expectTensor('split', x);
  if (x.ndim === 0) {
    throw new RangeError(
      'split: expects at least a 1-dimensional tensor, got a 0-d tensor; reshape it with x.reshape([1])',
    );
  }
  const d = normalizeDim('split', dim, x.ndim);
  const size = x.shape[d];
  if (Array.isArray(splitSizeOrSections)) {
    const sizes = splitSizeOrSections.map((s) => indexArg('split', 'a section size', s));
    const list = `[${sizes.join(', ')}]`;
    if (sizes.some((s) => s < 0)) {
      throw new RangeError(
        `split: split_with_sizes expects split_sizes have only non-negative entries, but got ` +
          `split_sizes=${list}`,
      );
    }
    const total = sizes.reduce((a, b) => a + b, 0);
    if (total !== size) {
      throw new RangeError(
        `split: split_with_sizes expects split_sizes to sum exactly to ${size} (input tensor's ` +
          `size at dimension ${d}), but got split_sizes=${list}; the input's shape is ` +
          formatShape(x.shape),
      );
    }
    let start = 0;
    return sizes.map((s) => {
      const piece = narrow(x, d, start, s);
      start += s;
      return piece;
    });
  }
  const splitSize = indexArg('split', 'splitSize', splitSizeOrSections);
  if (splitSize < 0) {
    throw new RangeError(
      `split: expects split_size be non-negative, but got split_size=${splitSize}`,
    );
  }
  if (splitSize === 0 && size !== 0) {
    throw new RangeError(
      `split: split_size can only be 0 if dimension size is 0, but got dimension size of ${size} ` +
        `(dim ${d} of ${formatShape(x.shape)}); pass a positive size`,
    );
  }
  // PyTorch always returns at least one piece, even of an empty dim.
  const count = splitSize === 0 ? 1 : Math.max(Math.ceil(size / splitSize), 1);
  const pieces: Tensor[] = [];
  for (let i = 0; i < count; i++) {
    const start = i * splitSize;
    pieces.push(narrow(x, d, start, Math.min(splitSize, size - start)));
  }
  return pieces;
}
