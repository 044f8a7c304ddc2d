import type { View } from '../../backend';
import type { Tensor } from '../../tensor';

/**
 * A contiguous tensor seen as `[rows, cols]`: the layout the fused row kernels take (a weight
 * of `cols` elements is one row). The tensor must be contiguous; its offset is kept.
 */
export function rowsView(x: Tensor, cols: number): View {
  const rows = cols === 0 ? 0 : x.numel() / cols;
  return {
    buffer: x.buffer,
    dtype: x.dtype,
    shape: [rows, cols],
    strides: [cols, 1],
    offset: x.offset,
  };
}
