import type { Tensor } from '../tensor';
import { scalarTensor } from './operand';
import { triangleMask } from './triangle-mask';
import { where } from './where';

/**
 * The upper triangle of the last two dims (batch dims broadcast), like `torch.triu`: keeps
 * `x[..., i, j]` where `j - i >= diagonal` and zeroes the rest. `diagonal = 1` also drops the
 * main diagonal, `-1` keeps the first subdiagonal too. One `where` with a mask built by an index
 * comparison; the gradient is the upstream gradient's upper triangle.
 *
 * @example
 * ```ts
 * triu(ones([3, 3])); // [[1, 1, 1], [0, 1, 1], [0, 0, 1]]
 * triu(ones([3, 3]), 1); // [[0, 1, 1], [0, 0, 1], [0, 0, 0]]
 * const future = triu(ones([4, 4], { dtype: 'bool' }), 1); // the positions a causal mask hides
 * ```
 */
export function triu(x: Tensor, diagonal: number | Tensor = 0): Tensor {
  const mask = triangleMask('triu', x, diagonal);
  return where(mask, x, scalarTensor(0, x.dtype, x));
}
