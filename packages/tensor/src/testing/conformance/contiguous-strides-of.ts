// Naive index arithmetic, the reference for every strided read.

/** Row-major strides of a contiguous buffer of `shape`. */
export function contiguousStridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d];
  }
  return strides;
}
