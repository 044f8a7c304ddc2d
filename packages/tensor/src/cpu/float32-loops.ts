import type { BinaryOp, UnaryOp } from '../backend';
import { expFloat } from './exp-float';
import type { RowPlan } from './strided';
import { rowStart } from './strided';

// These loops only ever see Float32Arrays. The generic kernels serve every dtype, so their
// element accesses are megamorphic; a float32-only copy keeps them monomorphic (3-5× faster).

/**
 * `out = A op B` for float32 views walked by row plans, with the hot ops inlined. Returns false
 * for ops it does not cover (the caller takes the generic loop).
 *
 * @example
 * ```ts
 * binaryFloat32('add', A, pa, B, pb, out);
 * ```
 */
export function binaryFloat32(
  op: BinaryOp,
  A: Float32Array,
  pa: RowPlan,
  B: Float32Array,
  pb: RowPlan,
  out: Float32Array,
): boolean {
  if (op !== 'add' && op !== 'sub' && op !== 'mul' && op !== 'div') return false;
  const len = pa.rowLength;
  const sa = pa.rowStride;
  const sb = pb.rowStride;
  let o = 0;
  for (let r = 0; r < pa.rows; r++) {
    let ia = rowStart(pa, r);
    let ib = rowStart(pb, r);
    if (sb === 0) {
      const b = B[ib];
      if (op === 'add') for (let j = 0; j < len; j++, ia += sa) out[o++] = A[ia] + b;
      else if (op === 'sub') for (let j = 0; j < len; j++, ia += sa) out[o++] = A[ia] - b;
      else if (op === 'mul') for (let j = 0; j < len; j++, ia += sa) out[o++] = A[ia] * b;
      else for (let j = 0; j < len; j++, ia += sa) out[o++] = A[ia] / b;
    } else if (op === 'add') {
      for (let j = 0; j < len; j++, ia += sa, ib += sb) out[o++] = A[ia] + B[ib];
    } else if (op === 'sub') {
      for (let j = 0; j < len; j++, ia += sa, ib += sb) out[o++] = A[ia] - B[ib];
    } else if (op === 'mul') {
      for (let j = 0; j < len; j++, ia += sa, ib += sb) out[o++] = A[ia] * B[ib];
    } else {
      for (let j = 0; j < len; j++, ia += sa, ib += sb) out[o++] = A[ia] / B[ib];
    }
  }
  return true;
}

/**
 * `out = f(X)` for a float32 view, with the hot ops inlined; false for the others.
 *
 * @example
 * ```ts
 * unaryFloat32('exp', X, p, out);
 * ```
 */
export function unaryFloat32(op: UnaryOp, X: Float32Array, p: RowPlan, out: Float32Array): boolean {
  if (
    op !== 'neg' &&
    op !== 'exp' &&
    op !== 'sqrt' &&
    op !== 'relu' &&
    op !== 'abs' &&
    op !== 'log'
  ) {
    return false;
  }
  if (op === 'relu') {
    reluFloat32(X, p, out);
    return true;
  }
  const len = p.rowLength;
  const s = p.rowStride;
  let o = 0;
  for (let r = 0; r < p.rows; r++) {
    let i = rowStart(p, r);
    switch (op) {
      case 'neg':
        for (let j = 0; j < len; j++, i += s) out[o++] = -X[i];
        break;
      case 'exp':
        for (let j = 0; j < len; j++, i += s) out[o++] = expFloat(X[i]);
        break;
      case 'log':
        for (let j = 0; j < len; j++, i += s) out[o++] = Math.log(X[i]);
        break;
      case 'sqrt':
        for (let j = 0; j < len; j++, i += s) out[o++] = Math.sqrt(X[i]);
        break;
      case 'abs':
        for (let j = 0; j < len; j++, i += s) out[o++] = Math.abs(X[i]);
        break;
    }
  }
  return true;
}

/**
 * ReLU without a branch (on activations of random sign, half of them would mispredict): the bits
 * of x where x > 0 or x is NaN (NaN stays NaN, as in PyTorch), else those of +0. (`x · (x > 0)`
 * would make NaN of −∞ and −0 of negatives.)
 */
function reluFloat32(X: Float32Array, p: RowPlan, out: Float32Array): void {
  const Xi = new Int32Array(X.buffer, X.byteOffset, X.length);
  const Oi = new Int32Array(out.buffer, out.byteOffset, out.length);
  const len = p.rowLength;
  const s = p.rowStride;
  let o = 0;
  for (let r = 0; r < p.rows; r++) {
    let i = rowStart(p, r);
    for (let j = 0; j < len; j++, i += s) {
      const v = X[i];
      Oi[o++] = Xi[i] & -(+(v > 0) | +(v !== v));
    }
  }
}

/**
 * Sums over the middle dim of a contiguous float32 block seen as `[outer, reduced, inner]`
 * (from `offset`): `sum(-1)` is `inner = 1`, `sum(0)` is `outer = 1`, a full sum both. Most of
 * a training step's reductions have this layout. Accumulates in doubles, rounds once.
 *
 * @example
 * ```ts
 * sumFloat32(X, 0, 1, 32, 64, out); // column sums of a contiguous [32, 64]
 * ```
 */
export function sumFloat32(
  X: Float32Array,
  offset: number,
  outer: number,
  reduced: number,
  inner: number,
  out: Float32Array,
): void {
  const block = reduced * inner;
  if (inner === 1) {
    for (let b = 0; b < outer; b++) {
      let s = 0;
      const base = offset + b * block;
      for (let j = 0; j < reduced; j++) s += X[base + j];
      out[b] = s;
    }
    return;
  }
  const acc = new Float64Array(inner);
  for (let b = 0; b < outer; b++) {
    acc.fill(0);
    let base = offset + b * block;
    for (let j = 0; j < reduced; j++, base += inner) {
      for (let k = 0; k < inner; k++) acc[k] += X[base + k];
    }
    out.set(acc, b * inner);
  }
}

/**
 * `out = A op B` for a comparison of float32 views into a bool array; false for the other ops.
 * ReLU's gradient (`g · (out > 0)`) runs one each step.
 *
 * @example
 * ```ts
 * compareFloat32('gt', A, pa, B, pb, out);
 * ```
 */
export function compareFloat32(
  op: BinaryOp,
  A: Float32Array,
  pa: RowPlan,
  B: Float32Array,
  pb: RowPlan,
  out: Uint8Array,
): boolean {
  if (op !== 'gt' && op !== 'lt' && op !== 'ge' && op !== 'le' && op !== 'eq' && op !== 'ne') {
    return false;
  }
  const len = pa.rowLength;
  const sa = pa.rowStride;
  const sb = pb.rowStride;
  let o = 0;
  // `+(a > b)` rather than `a > b ? 1 : 0`: V8 compiles it without a branch, and a branch on
  // the sign of random activations mispredicts half the time (3× slower).
  for (let r = 0; r < pa.rows; r++) {
    let ia = rowStart(pa, r);
    let ib = rowStart(pb, r);
    switch (op) {
      case 'gt':
        for (let j = 0; j < len; j++, ia += sa, ib += sb) out[o++] = +(A[ia] > B[ib]);
        break;
      case 'lt':
        for (let j = 0; j < len; j++, ia += sa, ib += sb) out[o++] = +(A[ia] < B[ib]);
        break;
      case 'ge':
        for (let j = 0; j < len; j++, ia += sa, ib += sb) out[o++] = +(A[ia] >= B[ib]);
        break;
      case 'le':
        for (let j = 0; j < len; j++, ia += sa, ib += sb) out[o++] = +(A[ia] <= B[ib]);
        break;
      case 'eq':
        for (let j = 0; j < len; j++, ia += sa, ib += sb) out[o++] = +(A[ia] === B[ib]);
        break;
      case 'ne':
        for (let j = 0; j < len; j++, ia += sa, ib += sb) out[o++] = +(A[ia] !== B[ib]);
        break;
    }
  }
  return true;
}

/**
 * `out = A · M` for a float32 view times a bool (0/1) view, as a float32 product: NaN and ±∞
 * times 0 stay NaN, −x times 0 is −0, exactly as the generic loop computes them.
 *
 * @example
 * ```ts
 * maskFloat32(G, pg, M, pm, out); // ReLU's gradient: g · (out > 0)
 * ```
 */
export function maskFloat32(
  A: Float32Array,
  pa: RowPlan,
  M: Uint8Array,
  pm: RowPlan,
  out: Float32Array,
): void {
  const len = pa.rowLength;
  const sa = pa.rowStride;
  const sm = pm.rowStride;
  let o = 0;
  for (let r = 0; r < pa.rows; r++) {
    let ia = rowStart(pa, r);
    let im = rowStart(pm, r);
    for (let j = 0; j < len; j++, ia += sa, im += sm) out[o++] = A[ia] * M[im];
  }
}
