import type { View } from '../backend';
import { formatShape } from '../shape';

/** The sizes of a batched matmul `[...batch, m, k] · [...batch, k, n]`. */
export interface MatmulSizes {
  m: number;
  k: number;
  n: number;
  /** Product of the batch dims. */
  batches: number;
}

/**
 * Reads the sizes of a batched matmul from its operand views (equal batch shapes, as the
 * Backend spec promises), or throws when the inner dims disagree. Both CPU gemms start here.
 *
 * @example
 * ```ts
 * matmulSizes(a, b); // { m: 8, k: 4, n: 2, batches: 1 } for [8, 4] · [4, 2]
 * ```
 */
export function matmulSizes(a: View, b: View): MatmulSizes {
  const nd = a.shape.length;
  const m = a.shape[nd - 2];
  const k = a.shape[nd - 1];
  const n = b.shape[nd - 1];
  if (b.shape[nd - 2] !== k) {
    throw new RangeError(
      `matmul: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} cannot be multiplied`,
    );
  }
  let batches = 1;
  for (let d = 0; d < nd - 2; d++) batches *= a.shape[d];
  return { m, k, n, batches };
}
