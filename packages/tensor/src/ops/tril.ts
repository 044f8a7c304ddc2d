import type { Tensor } from '../tensor';
import { scalarTensor } from './operand';
import { triangleMask } from './triangle-mask';
import { where } from './where';

/**
 * The lower triangle of the last two dims (batch dims broadcast), like `torch.tril`: keeps
 * `x[..., i, j]` where `j - i <= diagonal` and zeroes the rest. `diagonal = 1` also keeps the
 * first superdiagonal, `-1` drops the main diagonal. One `where` with a mask built by an index
 * comparison; the gradient is the upstream gradient's lower triangle.
 *
 * @example
 * ```ts
 * tril(ones([3, 3])); // [[1, 0, 0], [1, 1, 0], [1, 1, 1]]
 * tril(ones([2, 3]), -1); // [[0, 0, 0], [1, 0, 0]]
 * const causal = tril(ones([4, 4], { dtype: 'bool' })); // attention's causal mask
 * ```
 */
export function tril(x: Tensor, diagonal: number | Tensor = 0): Tensor {
  const mask = triangleMask('tril', x, diagonal);
  return where(mask, x, scalarTensor(0, x.dtype, x));
}
