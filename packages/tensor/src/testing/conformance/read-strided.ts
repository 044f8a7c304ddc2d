import { numelOf } from './numel-of';
import { unravel } from './unravel';

/** The elements of a strided view of `storage`, in row-major order, by naive index arithmetic. */
export function readStrided(
  storage: readonly number[],
  shape: readonly number[],
  strides: readonly number[],
  offset: number,
): number[] {
  const n = numelOf(shape);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const idx = unravel(i, shape);
    let at = offset;
    for (let d = 0; d < shape.length; d++) at += idx[d] * strides[d];
    out[i] = storage[at];
  }
  return out;
}
