import { isFloating, type DType } from '../dtype';
import { record } from '../gradient-engine';
import type { Tensor } from '../tensor';
import { expectTensor, fromBuffer } from './operand';

/**
 * Converts to `dtype` (a copy), or returns `x` when it already has it. Float to integer
 * truncates toward zero; anything to bool tests `!= 0`. Gradients flow between float dtypes.
 *
 * @example
 * ```ts
 * tensor([1.7, -1.7]).to('int32'); // tensor([1, -1], dtype=int32)
 * ```
 */
export function cast(x: Tensor, dtype: DType): Tensor {
  expectTensor('to', x);
  if (x.dtype === dtype) return x;
  const out = fromBuffer(x, x.backend.copy(x, dtype), x.shape, dtype);
  return isFloating(dtype) && isFloating(x.dtype) ? record('copy', [x], out, {}) : out;
}
