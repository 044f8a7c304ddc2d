import { firstOutsideInt32, INT32_MAX, INT32_MIN, int32RangeError } from '../check-int32';
import { lockstepPlans, rowStart } from '../cpu/strided';
import type { Tensor } from '../tensor';

/**
 * Refuses a float → int32 cast of a value int32 cannot hold (NaN, ±Infinity, outside
 * [-2^31, 2^31 - 1]), where PyTorch's result is undefined. One pass over the view's elements,
 * read in place where the buffer is host memory (the CPU backend). Backends whose buffers live on
 * a device convert there, unchecked: reading the values back would stall every cast.
 *
 * @example
 * ```ts
 * checkInt32Cast(tensor([1.5, NaN])); // RangeError: to: NaN (at index 1) is out of range for int32 …
 * ```
 */
export function checkInt32Cast(x: Tensor): void {
  const X = x.buffer;
  if (!(X instanceof Float32Array || X instanceof Float64Array)) return;
  const [p] = lockstepPlans(x.shape, [x]);
  const len = p.rowLength;
  for (let r = 0; r < p.rows; r++) {
    const start = rowStart(p, r);
    const j = firstOutsideInt32(X, start, len, p.rowStride);
    if (j >= 0) {
      const v = X[start + j * p.rowStride];
      throw int32RangeError('to', v, fixFor(v), r * len + j);
    }
  }
}

function fixFor(v: number): string {
  const first = Number.isNaN(v)
    ? 'replace NaN first, e.g. where(x.ne(x), 0, x)'
    : `clamp first with x.clamp(${INT32_MIN}, ${INT32_MAX})`;
  return `PyTorch leaves the result undefined; ${first}, or keep a float dtype`;
}
