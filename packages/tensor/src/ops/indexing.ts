import { promoteTypes } from '../dtype';
import { record } from '../gradient-engine';
import { formatShape, normalizeDim } from '../shape';
import type { Tensor } from '../tensor';
import { cast } from './cast';
import { expectTensor, fromBuffer } from './operand';
import { expand, reshape } from './views';

function checkIndex(op: string, index: Tensor): void {
  expectTensor(op, index, 'index');
  if (index.dtype !== 'int32') {
    throw new TypeError(
      `${op}: expected index of dtype int32, got ${index.dtype}; use tensor(..., { dtype: 'int32' }) or .int()`,
    );
  }
}

function checkGatherShapes(op: string, x: Tensor, dim: number, index: Tensor, what: string): void {
  if (index.ndim !== x.ndim) {
    throw new RangeError(
      `${op}: index ${formatShape(index.shape)} must have as many dims as ${what} ${formatShape(x.shape)}`,
    );
  }
  for (let d = 0; d < x.ndim; d++) {
    if (d !== dim && index.shape[d] > x.shape[d]) {
      throw new RangeError(
        `${op}: index ${formatShape(index.shape)} is larger than ${what} ${formatShape(x.shape)} at dim ${d}`,
      );
    }
  }
}

/**
 * `out[i][j] = x[i][index[i][j]]` for `dim = 1` (and likewise for other dims). The output has
 * the index's shape; index values must lie in `[0, x.size(dim))`.
 *
 * @example
 * ```ts
 * gather(tensor([[1, 2], [3, 4]]), 1, tensor([[1], [0]], { dtype: 'int32' })); // [[2], [3]]
 * ```
 */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  expectTensor('gather', x);
  checkIndex('gather', index);
  const d = normalizeDim('gather', dim, x.ndim);
  checkGatherShapes('gather', x, d, index, 'input');
  const out = fromBuffer(x, x.backend.gather(x, d, index, x.dtype), index.shape, x.dtype);
  return record('gather', [x], out, { dim: d, index });
}

/**
 * A copy of `x` with each value of `src` added at `index` along `dim` (repeated indices
 * accumulate). `index` and `src` share a shape.
 */
export function scatterAdd(x: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  expectTensor('scatterAdd', x);
  expectTensor('scatterAdd', src, 'src');
  checkIndex('scatterAdd', index);
  const d = normalizeDim('scatterAdd', dim, x.ndim);
  checkGatherShapes('scatterAdd', x, d, index, 'input');
  for (let i = 0; i < index.ndim; i++) {
    if (index.shape[i] > src.shape[i]) {
      throw new RangeError(
        `scatterAdd: index ${formatShape(index.shape)} is larger than src ${formatShape(src.shape)} at dim ${i}`,
      );
    }
  }
  const dtype = promoteTypes(x.dtype, src.dtype);
  const cx = cast(x, dtype);
  // Only the part of src that index covers takes part.
  let s = cast(src, dtype);
  for (let i = 0; i < index.ndim; i++)
    if (s.shape[i] !== index.shape[i]) s = s.narrow(i, 0, index.shape[i]);
  const out = fromBuffer(cx, cx.backend.scatterAdd(cx, d, index, s, dtype), cx.shape, dtype);
  return record('scatterAdd', [cx, s], out, { dim: d, index });
}

/**
 * The entries of `x` at the positions `index` (1-D, int32) along `dim`.
 *
 * @example
 * ```ts
 * indexSelect(embeddings, 0, tensor([3, 1], { dtype: 'int32' })); // rows 3 and 1
 * ```
 */
export function indexSelect(x: Tensor, dim: number, index: Tensor): Tensor {
  expectTensor('indexSelect', x);
  checkIndex('indexSelect', index);
  if (index.ndim > 1) {
    throw new RangeError(`indexSelect: index must be 0-d or 1-d, got ${formatShape(index.shape)}`);
  }
  const d = normalizeDim('indexSelect', dim, x.ndim);
  const n = index.numel();
  const lineShape = x.shape.map((_, i) => (i === d ? n : 1));
  const outShape = x.shape.map((s, i) => (i === d ? n : s));
  // A stride-0 expanded index: gather then does the work without a copy of the index.
  const full = expand(reshape(index, lineShape), outShape);
  return gather(x, d, full);
}
