import type { View } from '@torchlet/tensor';

/**
 * How a fused row kernel sees a view: `rows × cols` elements, `cols` the size of the last dim
 * (1 for a 0-d view), and element `(r, c)` at `offset + r·cols + c`.
 *
 * @example
 * ```ts
 * const { rows, cols }: RowLayout = rowLayout('softmax', x); // x: [2, 3, 5] → 6 rows of 5
 * ```
 */
export interface RowLayout {
  readonly rows: number;
  readonly cols: number;
}

/**
 * The row layout of a view passed to a fused kernel, which the Backend spec guarantees to be
 * contiguous (row-major strides, any offset). A view that is not is rejected rather than read
 * wrongly. `op` names the kernel in the error.
 *
 * @example
 * ```ts
 * rowLayout('layerNorm', { buffer, dtype: 'float32', shape: [4, 8], strides: [8, 1], offset: 3 });
 * // { rows: 4, cols: 8 }
 * ```
 */
export function rowLayout(op: string, x: View<unknown>): RowLayout {
  const nd = x.shape.length;
  let expected = 1;
  for (let d = nd - 1; d >= 0; d--) {
    if (x.shape[d] !== 1 && x.strides[d] !== expected) {
      throw new RangeError(
        `${op}: fused kernels take contiguous views, got shape [${x.shape.join(', ')}] with ` +
          `strides [${x.strides.join(', ')}]`,
      );
    }
    expected *= x.shape[d];
  }
  const cols = nd === 0 ? 1 : x.shape[nd - 1];
  return { rows: cols === 0 ? 0 : expected / cols, cols };
}
