/**
 * A shape walked in lockstep by several strided layouts, with as few dims as possible.
 *
 * @example
 * ```ts
 * const dims: CoalescedDims = { shape: [6, 4], strides: [[4, 1], [0, 1]] };
 * ```
 */
export interface CoalescedDims {
  readonly shape: number[];
  /** One stride list per layout, each as long as `shape`. */
  readonly strides: number[][];
}

/**
 * Drops size-1 dims and merges neighbouring dims that every layout steps through as one (stride
 * of the outer dim = stride × size of the inner one). A contiguous elementwise op becomes one
 * flat loop, so its generated kernel does no index arithmetic and is shared by every shape of
 * the same size.
 *
 * @example
 * ```ts
 * coalesceDims([2, 3, 4], [[12, 4, 1], [0, 0, 1]]);
 * // { shape: [6, 4], strides: [[4, 1], [0, 1]] }
 * ```
 */
export function coalesceDims(
  shape: readonly number[],
  strides: readonly (readonly number[])[],
): CoalescedDims {
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    const size = shape[d];
    if (size === 1) continue;
    const last = outShape.length - 1;
    const mergeable = last >= 0 && strides.every((s, k) => outStrides[k][last] === s[d] * size);
    if (mergeable) {
      outShape[last] *= size;
      strides.forEach((s, k) => (outStrides[k][last] = s[d]));
    } else {
      outShape.push(size);
      strides.forEach((s, k) => outStrides[k].push(s[d]));
    }
  }
  return { shape: outShape, strides: outStrides };
}
