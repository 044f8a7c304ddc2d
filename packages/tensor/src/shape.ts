/** A tensor's shape: one length per dimension. */
export type Shape = readonly number[];

/** Number of elements of a shape (1 for a 0-d tensor). */
export function numel(shape: Shape): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
}

/** Row-major (C-contiguous) strides of a shape. */
export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

/** Formats a shape the way error messages print it: `[8,4]`. */
export function formatShape(shape: Shape): string {
  return `[${shape.join(',')}]`;
}

/**
 * True when two shapes are equal: the same number of dims, the same size in each. Compare
 * shapes with it rather than through `formatShape` strings.
 *
 * @example
 * ```ts
 * sameShape([2, 3], [2, 3]); // true
 * sameShape(x.shape, [2, 3, 1]); // false for x of shape [2, 3]
 * ```
 */
export function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Turns a possibly negative dim into an index in `[0, ndim)`, or throws PyTorch's error.
 * `ndim` 0 accepts dims -1 and 0, as PyTorch does for scalars.
 */
export function normalizeDim(op: string, dim: number, ndim: number): number {
  const n = Math.max(ndim, 1);
  if (typeof dim !== 'number' || !Number.isInteger(dim)) {
    throw new TypeError(
      `${op}: expected dim to be an integer, got ${typeof dim === 'number' ? dim : typeof dim}`,
    );
  }
  if (dim < -n || dim >= n) {
    throw new RangeError(
      `${op}: dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`,
    );
  }
  return dim < 0 ? dim + n : dim;
}

/**
 * The broadcast shape of two shapes, with PyTorch's rules: align trailing dims; each pair must
 * be equal or contain a 1.
 */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new RangeError(
        `${op}: shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast together ` +
          `(size ${da} != ${db} at dim ${i - n}); make the sizes equal, or 1 to broadcast`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Checks that every entry of a shape is a non-negative integer. */
export function checkShape(op: string, shape: Shape): void {
  if (!Array.isArray(shape)) {
    throw new TypeError(
      `${op}: expected the shape to be an array of integers, got ${typeof shape}`,
    );
  }
  for (const d of shape) {
    if (typeof d !== 'number') {
      throw new TypeError(
        `${op}: every size must be an integer, got ${d === null ? 'null' : typeof d} in the shape`,
      );
    }
    if (!Number.isInteger(d) || d < 0) {
      throw new RangeError(
        `${op}: every size must be a non-negative integer, got shape ${formatShape(shape)}`,
      );
    }
  }
}
