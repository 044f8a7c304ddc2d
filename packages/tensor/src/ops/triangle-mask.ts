import { formatShape } from '../shape';
import type { Tensor } from '../tensor';
import { le, ge } from './binary';
import { expectTensor, fromBuffer } from './operand';
import { indexArg } from './scalar-arg';

/**
 * The bool mask `[rows, cols]` that `tril` (`col - row <= diagonal`) or `triu`
 * (`col - row >= diagonal`) keeps, for the last two dims of `x`. It is one broadcast comparison
 * of a column of row indices (shifted by `diagonal`) with a row of column indices: two small
 * uploads and one kernel on `x`'s backend, never a loop over `rows × cols` on the host.
 *
 * @example
 * ```ts
 * triangleMask('tril', zeros([2, 3]), 0); // [[true, false, false], [true, true, false]]
 * ```
 */
export function triangleMask(op: 'tril' | 'triu', x: Tensor, diagonal: number | Tensor): Tensor {
  expectTensor(op, x);
  const d = indexArg(op, 'diagonal', diagonal);
  if (x.ndim < 2) {
    throw new RangeError(
      `${op}: input tensor must have at least 2 dimensions, got ${formatShape(x.shape)}; ` +
        `${op} works on the last two dims (x.unsqueeze(0) makes a row a 1×n matrix)`,
    );
  }
  const rows = x.shape[x.ndim - 2];
  const cols = x.shape[x.ndim - 1];
  // Beyond [-rows, cols] every diagonal keeps all or nothing: clamping keeps int32 exact.
  const shift = Math.min(Math.max(d, -rows), cols);
  const rowPlusDiagonal = new Int32Array(rows);
  for (let i = 0; i < rows; i++) rowPlusDiagonal[i] = i + shift;
  const colIndex = new Int32Array(cols);
  for (let j = 0; j < cols; j++) colIndex[j] = j;
  const backend = x.backend;
  const r = fromBuffer(x, backend.upload(rowPlusDiagonal, 'int32'), [rows, 1], 'int32');
  const c = fromBuffer(x, backend.upload(colIndex, 'int32'), [cols], 'int32');
  return op === 'tril' ? le(c, r) : ge(c, r);
}
