import type { View } from '../../backend';
import type { TypedArray } from '../../dtype';

/**
 * Where an attention mask's `[L, S]` block for each batch entry starts, and its row and column
 * strides. The mask is a view of shape `[...batchDims, L, S]` with any strides (0 where it
 * broadcasts), so a `[L, S]` mask shared by every head is read in place, never expanded.
 *
 * @example
 * ```ts
 * const rows = attentionMaskRows(maskView, 8); // rows.base[b] + i * rows.rowStride + j * rows.colStride
 * ```
 */
export function attentionMaskRows(mask: View<TypedArray>, batch: number) {
  const nd = mask.shape.length;
  const base = new Array<number>(batch);
  for (let b = 0; b < batch; b++) {
    // Unravel b over the batch dims (row-major), once per batch entry, not per element.
    let rest = b;
    let offset = mask.offset;
    for (let d = nd - 3; d >= 0; d--) {
      const size = mask.shape[d];
      offset += (rest % size) * mask.strides[d];
      rest = Math.floor(rest / size);
    }
    base[b] = offset;
  }
  return {
    values: mask.buffer,
    bool: mask.dtype === 'bool',
    base,
    rowStride: mask.strides[nd - 2],
    colStride: mask.strides[nd - 1],
  };
}
