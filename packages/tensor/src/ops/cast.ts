import { isFloating, type DType } from '../dtype';
import { record } from '../gradient-engine';
import type { Tensor } from '../tensor';
import { checkInt32Cast } from './check-int32-cast';
import { expectTensor, fromBuffer } from './operand';

/**
 * Converts to `dtype` (a copy), or returns `x` when it already has it. Float to integer
 * truncates toward zero; NaN, ±Infinity and values outside int32 are a RangeError (PyTorch's
 * result is undefined there) on backends whose buffers are host memory, as the CPU backend's
 * are. Anything to bool tests `!= 0`. Gradients flow between float dtypes.
 *
 * @example
 * ```ts
 * tensor([1.7, -1.7]).to('int32'); // tensor([1, -1], dtype=int32)
 * tensor([NaN]).int();             // RangeError: to: NaN (at index 0) is out of range for int32 …
 * ```
 */
export function cast(x: Tensor, dtype: DType): Tensor {
  expectTensor('to', x);
  if (x.dtype === dtype) return x;
  if (dtype === 'int32' && isFloating(x.dtype)) checkInt32Cast(x);
  const out = fromBuffer(x, x.backend.copy(x, dtype), x.shape, dtype);
  return isFloating(dtype) && isFloating(x.dtype) ? record('copy', [x], out, {}) : out;
}
