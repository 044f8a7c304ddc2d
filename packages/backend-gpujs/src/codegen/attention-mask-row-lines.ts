import type { AttentionMaskLayout } from '../kernels/attention-layout';
import { coordinateLines } from './coordinate-lines';
import { offsetExpression } from './offset-expression';

/**
 * Kernel lines that leave in `mr` where the mask's row for query `i` of batch entry `b` starts:
 * `offset + (b unravelled over the mask's merged batch dims)·strides + i·rowStride`. Broadcast
 * dims (stride 0) cost nothing, and a mask shared by every batch entry needs no division.
 *
 * @example
 * ```ts
 * attentionMaskRowLines(mask, 'c0', 'c1', 'p3');
 * // ['const m0 = Math.floor((c0 + 0.5) / 3);', 'const mr0 = c0 - m0 * 3;', 'const mr = p3 + m0 * 20 + c1;']
 * ```
 */
export function attentionMaskRowLines(
  mask: AttentionMaskLayout,
  b: string,
  i: string,
  offset: string,
): string[] {
  const { lines, coords } = coordinateLines(mask.batchShape, b, 'm');
  const base = offsetExpression(offset, [...coords, i], [...mask.batchStrides, mask.rowStride]);
  lines.push(`const mr = ${base};`);
  return lines;
}
