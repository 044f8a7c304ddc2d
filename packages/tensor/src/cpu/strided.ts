import type { Shape } from '../shape';

/**
 * Row plan for a strided walk: the tensor is seen as `rows` rows of `rowLength` elements along
 * the last dim. `starts[r]` is the flat offset of row r's first element. Kernels loop over rows
 * and step through each row with `rowStride`, so only the outer dims pay for index arithmetic.
 */
export interface RowPlan {
  readonly rows: number;
  readonly rowLength: number;
  readonly rowStride: number;
  readonly starts: Int32Array | null;
  readonly base: number;
}

/** True when `strides` are the row-major strides of `shape` (size-1 dims may have any stride). */
export function isContiguous(shape: Shape, strides: readonly number[]): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] !== 1 && strides[i] !== expected) return false;
    expected *= shape[i];
  }
  return true;
}

/** Builds the row plan of a view. A contiguous view is one row, with no offsets table. */
export function rowPlan(shape: Shape, strides: readonly number[], offset: number): RowPlan {
  const nd = shape.length;
  let n = 1;
  for (let i = 0; i < nd; i++) n *= shape[i];
  if (nd === 0 || isContiguous(shape, strides)) {
    return { rows: n === 0 ? 0 : 1, rowLength: n, rowStride: 1, starts: null, base: offset };
  }
  const rowLength = shape[nd - 1];
  const rowStride = strides[nd - 1];
  const rows = rowLength === 0 ? 0 : n / rowLength;
  const starts = new Int32Array(rows);
  const idx = new Array<number>(nd - 1).fill(0);
  let pos = offset;
  for (let r = 0; r < rows; r++) {
    starts[r] = pos;
    for (let d = nd - 2; d >= 0; d--) {
      idx[d]++;
      pos += strides[d];
      if (idx[d] < shape[d]) break;
      pos -= strides[d] * shape[d];
      idx[d] = 0;
    }
  }
  return { rows, rowLength, rowStride, starts, base: offset };
}

/**
 * Plans that walk several same-shaped views in lockstep. When every view is contiguous the walk
 * is a single flat row; otherwise every view gets a per-row plan over the last dim.
 */
export function lockstepPlans(
  shape: Shape,
  views: readonly { strides: readonly number[]; offset: number }[],
): RowPlan[] {
  let allContiguous = true;
  for (const v of views) if (!isContiguous(shape, v.strides)) allContiguous = false;
  if (allContiguous) {
    let n = 1;
    for (const d of shape) n *= d;
    return views.map((v) => ({
      rows: n === 0 ? 0 : 1,
      rowLength: n,
      rowStride: 1,
      starts: null,
      base: v.offset,
    }));
  }
  return views.map((v) => {
    const p = rowPlan(shape, v.strides, v.offset);
    if (p.starts !== null) return p;
    // Contiguous view walked row by row alongside non-contiguous ones.
    const nd = shape.length;
    const rowLength = shape[nd - 1];
    const rows = p.rowLength === 0 ? 0 : p.rowLength / rowLength;
    const starts = new Int32Array(rows);
    for (let r = 0; r < rows; r++) starts[r] = v.offset + r * rowLength;
    return { rows, rowLength, rowStride: 1, starts, base: v.offset };
  });
}

/** Flat offset of row r's first element under a plan. */
export function rowStart(plan: RowPlan, r: number): number {
  return plan.starts === null ? plan.base : plan.starts[r];
}
