import type { View } from '../../backend';
import { allocTyped, type DType, type TypedArray } from '../../dtype';
import type { CpuAccelerator } from '../cpu-accelerator';
import { gemm } from '../gemm';

/**
 * `a · b` for float views `a` `[batch, m, k]` and `b` `[batch, k, n]` with any strides (a
 * transposed operand is a strides swap, never a copy): on the accelerator for float32 (the
 * WebAssembly SIMD gemm, threaded over the batch), else the TypeScript gemm batch by batch.
 * Returns a new contiguous `[batch, m, n]` array of `dtype`.
 *
 * @example
 * ```ts
 * const scores = attentionMatmul(q, transposedView(k), 'float32', defaultAccelerator);
 * ```
 */
export function attentionMatmul(
  a: View<TypedArray>,
  b: View<TypedArray>,
  dtype: DType,
  accelerator?: CpuAccelerator,
): Float32Array | Float64Array {
  if (dtype === 'float32') {
    const fast = accelerator?.matmul(a, b);
    if (fast !== undefined) return fast;
  }
  const [batch, m, k] = a.shape;
  const n = b.shape[2];
  const out = allocTyped(dtype, batch * m * n) as Float32Array | Float64Array;
  const A = a.buffer as Float32Array | Float64Array;
  const B = b.buffer as Float32Array | Float64Array;
  for (let t = 0; t < batch; t++) {
    // prettier-ignore
    gemm(
      m, n, k,
      A, a.offset + t * a.strides[0], a.strides[1], a.strides[2],
      B, b.offset + t * b.strides[0], b.strides[1], b.strides[2],
      out, t * m * n,
    );
  }
  return out;
}

/** `x` `[batch, rows, cols]` seen as `[batch, cols, rows]`: the strides of its last two dims swapped. */
export function transposedView(x: View<TypedArray>): View<TypedArray> {
  const [batch, rows, cols] = x.shape;
  const [s0, s1, s2] = x.strides;
  return { ...x, shape: [batch, cols, rows], strides: [s0, s2, s1] };
}

/** A contiguous `[batch, rows, cols]` array as a view. */
export function contiguousView(
  buffer: Float32Array | Float64Array,
  dtype: DType,
  batch: number,
  rows: number,
  cols: number,
): View<TypedArray> {
  return {
    buffer,
    dtype,
    shape: [batch, rows, cols],
    strides: [rows * cols, cols, 1],
    offset: 0,
  };
}
