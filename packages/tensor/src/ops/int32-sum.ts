import { firstOutsideInt32 } from '../check-int32';
import type { Tensor } from '../tensor';
import { fromBuffer } from './operand';

/**
 * The sum of an int32 or bool tensor over `dims`, as int32 (`shape` is the reduced shape).
 * PyTorch sums integers into int64, which torchlet lacks, so the rule here is: accumulate
 * exactly (in float64, exact for every partial sum below 2^53) and throw a RangeError when a
 * result leaves int32, instead of wrapping. Backends whose buffers live on a device reduce into
 * int32 there, unchecked (reading the sums back would stall the device).
 *
 * @example
 * ```ts
 * int32Sum(tensor([2 ** 30, 2 ** 30], { dtype: 'int32' }), [0], []);
 * // RangeError: sum: the int32 sum 2147483648 overflows int32; …
 * ```
 */
export function int32Sum(x: Tensor, dims: readonly number[], shape: readonly number[]): Tensor {
  const backend = x.backend;
  if (!ArrayBuffer.isView(x.buffer)) {
    return fromBuffer(x, backend.reduce('sum', x, dims, 'int32'), shape, 'int32');
  }
  // A host backend's float64 buffer is a Float64Array.
  const sums = backend.reduce('sum', x, dims, 'float64') as Float64Array;
  const i = firstOutsideInt32(sums, 0, sums.length, 1);
  if (i >= 0) {
    throw new RangeError(
      `sum: the int32 sum ${sums[i]} overflows int32; PyTorch sums into int64, which torchlet ` +
        "lacks: cast first with .to('float64')",
    );
  }
  return fromBuffer(x, backend.upload(sums, 'int32'), shape, 'int32');
}
