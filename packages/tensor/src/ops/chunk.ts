import { formatShape, normalizeDim } from '../shape';
import type { Tensor } from '../tensor';
import { expectTensor } from './operand';
import { indexArg } from './scalar-arg';
import { narrow } from './views';
import { split } from './split';

/**
 * Cuts `x` along `dim` into at most `chunks` views of `ceil(size / chunks)` elements each (the
 * last may be smaller), like `torch.chunk`. As in PyTorch there can be fewer pieces than asked
 * for (`chunk(arange(6), 4)` gives three pieces of 2), and an empty dim gives `chunks` empty
 * pieces.
 *
 * @example
 * ```ts
 * const [a, b, c] = chunk(arange(10), 3); // sizes 4, 4, 2
 * const [q, k, v] = qkv.chunk(3, -1);
 * ```
 */
export function chunk(x: Tensor, chunks: number | Tensor, dim = 0): Tensor[] {
  expectTensor('chunk', x);
  const n = indexArg('chunk', 'chunks', chunks);
  if (x.ndim === 0) {
    throw new RangeError(
      'chunk: expects at least a 1-dimensional tensor, got a 0-d tensor; reshape it with x.reshape([1])',
    );
  }
  if (n <= 0) {
    throw new RangeError(
      `chunk: expects \`chunks\` to be greater than 0, got: ${n} (input ${formatShape(x.shape)})`,
    );
  }
  const d = normalizeDim('chunk', dim, x.ndim);
  const size = x.shape[d];
  const splitSize = Math.ceil(size / n);
  // split() would return one piece of an empty dim; chunk keeps the count asked for.
  if (size === 0) return Array.from({ length: n }, () => narrow(x, d, 0, 0));
  return split(x, splitSize, d);
}
