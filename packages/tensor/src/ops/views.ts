import { record } from '../gradient-engine';
import { contiguousStrides, formatShape, normalizeDim, numel, sameShape } from '../shape';
import { Tensor } from '../tensor';
import { fromBuffer } from './operand';
import { indexArg, optionalIndexArg } from './scalar-arg';

function viewOf(
  x: Tensor,
  shape: readonly number[],
  strides: readonly number[],
  offset: number,
): Tensor {
  return new Tensor(x.storage, shape, strides, offset, x.dtype);
}

/** Resolves one `-1` entry and checks the element count. */
function inferShape(op: string, x: Tensor, shape: readonly number[]): number[] {
  const out = [...shape];
  const n = x.numel();
  let infer = -1;
  let known = 1;
  for (let i = 0; i < out.length; i++) {
    const d = out[i];
    if (d === -1) {
      if (infer >= 0)
        throw new RangeError(
          `${op}: only one dimension can be inferred (-1), got ${formatShape(shape)}`,
        );
      infer = i;
    } else if (!Number.isInteger(d) || d < 0) {
      throw new RangeError(`${op}: invalid shape dimension ${d} in ${formatShape(shape)}`);
    } else known *= d;
  }
  if (infer >= 0) {
    if (known === 0 || n % known !== 0) {
      throw new RangeError(
        `${op}: shape ${formatShape(shape)} is invalid for input of size ${n} (shape ${formatShape(x.shape)})`,
      );
    }
    out[infer] = n / known;
  } else if (known !== n) {
    throw new RangeError(
      `${op}: shape ${formatShape(shape)} is invalid for input of size ${n} (shape ${formatShape(x.shape)}); ` +
        `the new shape must have the same number of elements`,
    );
  }
  return out;
}

/**
 * Strides that let `newShape` view memory laid out as (oldShape, oldStrides), or null when a copy
 * is needed. Works chunk by chunk over runs of dims that are contiguous with each other.
 */
function viewStrides(
  oldShape: readonly number[],
  oldStrides: readonly number[],
  newShape: readonly number[],
): number[] | null {
  if (numel(oldShape) === 0 || oldShape.length === 0) return contiguousStrides(newShape);
  const newStrides = new Array<number>(newShape.length);
  let viewD = newShape.length - 1;
  let chunkBase = oldStrides[oldStrides.length - 1];
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let d = oldShape.length - 1; d >= 0; d--) {
    tensorNumel *= oldShape[d];
    if (d === 0 || (oldShape[d - 1] !== 1 && oldStrides[d - 1] !== tensorNumel * chunkBase)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        newStrides[viewD] = viewNumel * chunkBase;
        viewNumel *= newShape[viewD];
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (d > 0) {
        chunkBase = oldStrides[d - 1];
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  return viewD === -1 ? newStrides : null;
}

/** A view with a new shape when the layout allows it, otherwise a copy (PyTorch's reshape). */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const target = inferShape('reshape', x, shape);
  if (sameShape(target, x.shape)) return x;
  const strides = viewStrides(x.shape, x.strides, target);
  const base = strides === null ? contiguous(x) : x;
  const out = viewOf(base, target, strides ?? contiguousStrides(target), base.offset);
  return record('reshape', [base], out, {});
}

/** A view with a new shape; throws when the memory layout does not allow one. */
export function view(x: Tensor, shape: readonly number[]): Tensor {
  const target = inferShape('view', x, shape);
  const strides = viewStrides(x.shape, x.strides, target);
  if (strides === null) {
    throw new RangeError(
      `view: shape ${formatShape(target)} is not compatible with the input's size and stride ` +
        `(shape ${formatShape(x.shape)}, strides ${formatShape(x.strides)}); use .reshape(...) instead`,
    );
  }
  if (sameShape(target, x.shape)) return x;
  return record('reshape', [x], viewOf(x, target, strides, x.offset), {});
}

/** Reorders dims: `out.shape[i] = x.shape[dims[i]]`. */
export function permute(x: Tensor, dims: readonly number[]): Tensor {
  const nd = x.ndim;
  if (dims.length !== nd) {
    throw new RangeError(
      `permute: number of dims don't match (input has ${nd} dims ${formatShape(x.shape)}, got ${formatShape(dims)})`,
    );
  }
  const norm = dims.map((d) => normalizeDim('permute', d, nd));
  const seen = new Set(norm);
  if (seen.size !== nd) throw new RangeError(`permute: repeated dim in ${formatShape(dims)}`);
  let identity = true;
  for (let i = 0; i < nd; i++) if (norm[i] !== i) identity = false;
  if (identity) return x;
  const out = viewOf(
    x,
    norm.map((d) => x.shape[d]),
    norm.map((d) => x.strides[d]),
    x.offset,
  );
  return record('permute', [x], out, { dims: norm });
}

/** Swaps two dims. */
export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  const nd = x.ndim;
  const a = normalizeDim('transpose', dim0, nd);
  const b = normalizeDim('transpose', dim1, nd);
  if (nd === 0) return x;
  const dims = Array.from({ length: nd }, (_, i) => i);
  dims[a] = b;
  dims[b] = a;
  return permute(x, dims);
}

/** Matrix transpose; 0-d and 1-d tensors are returned as they are, as in PyTorch. */
export function t(x: Tensor): Tensor {
  if (x.ndim > 2) {
    throw new RangeError(
      `t: expects a tensor with <= 2 dimensions, got ${formatShape(x.shape)}; use .mT or .transpose(-2, -1)`,
    );
  }
  return x.ndim < 2 ? x : transpose(x, 0, 1);
}

/** Inserts a size-1 dim at `dim` (which may be `ndim`, or negative). */
export function unsqueeze(x: Tensor, dim: number): Tensor {
  const d = normalizeDim('unsqueeze', dim, x.ndim + 1);
  const shape = [...x.shape];
  shape.splice(d, 0, 1);
  return reshape(x, shape);
}

/** Removes size-1 dims: all of them, or only `dim`. */
export function squeeze(x: Tensor, dim?: number): Tensor {
  if (dim === undefined)
    return reshape(
      x,
      x.shape.filter((s) => s !== 1),
    );
  const d = normalizeDim('squeeze', dim, x.ndim);
  if (x.ndim === 0 || x.shape[d] !== 1) return x;
  const shape = [...x.shape];
  shape.splice(d, 1);
  return reshape(x, shape);
}

/** Merges dims `startDim..endDim` into one. */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  if (x.ndim === 0) return reshape(x, [1]);
  const s = normalizeDim('flatten', startDim, x.ndim);
  const e = normalizeDim('flatten', endDim, x.ndim);
  if (s > e)
    throw new RangeError(`flatten: startDim ${startDim} cannot come after endDim ${endDim}`);
  const shape = [...x.shape.slice(0, s), numel(x.shape.slice(s, e + 1)), ...x.shape.slice(e + 1)];
  return reshape(x, shape);
}

/**
 * Broadcasts to `shape` without copying (stride 0 on expanded dims). New dims are prepended;
 * `-1` keeps a size.
 */
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  const nd = shape.length;
  const lead = nd - x.ndim;
  if (lead < 0) {
    throw new RangeError(
      `expand: the number of sizes provided (${nd}) must be greater or equal to the number of ` +
        `dimensions in the tensor (${x.ndim}); got ${formatShape(shape)} for ${formatShape(x.shape)}`,
    );
  }
  const outShape = new Array<number>(nd);
  const strides = new Array<number>(nd);
  let same = lead === 0;
  for (let i = 0; i < nd; i++) {
    const want = shape[i];
    if (i < lead) {
      if (want === -1 || !Number.isInteger(want) || want < 0) {
        throw new RangeError(
          `expand: invalid size ${want} for a new leading dim in ${formatShape(shape)}`,
        );
      }
      outShape[i] = want;
      strides[i] = 0;
      continue;
    }
    const have = x.shape[i - lead];
    if (want === -1 || want === have) {
      outShape[i] = have;
      strides[i] = x.strides[i - lead];
    } else if (have === 1 && Number.isInteger(want) && want >= 0) {
      outShape[i] = want;
      strides[i] = 0;
      same = false;
    } else {
      throw new RangeError(
        `expand: the expanded size of the tensor (${want}) must match the existing size (${have}) ` +
          `at non-singleton dimension ${i}; target ${formatShape(shape)}, tensor ${formatShape(x.shape)}`,
      );
    }
  }
  if (same) return x;
  return record('expand', [x], viewOf(x, outShape, strides, x.offset), {});
}

/** A view of `length` elements along `dim` from `start`. */
export function narrow(
  x: Tensor,
  dim: number,
  start: number | Tensor,
  length: number | Tensor,
): Tensor {
  const d = normalizeDim('narrow', dim, x.ndim);
  start = indexArg('narrow', 'start', start);
  length = indexArg('narrow', 'length', length);
  const size = x.shape[d];
  const s = start < 0 ? start + size : start;
  if (
    !Number.isInteger(s) ||
    !Number.isInteger(length) ||
    s < 0 ||
    length < 0 ||
    s + length > size
  ) {
    throw new RangeError(
      `narrow: start (${start}) + length (${length}) exceeds dimension size (${size}) of dim ${dim} ` +
        `in ${formatShape(x.shape)}`,
    );
  }
  return sliceView(x, d, s, length, 1);
}

/**
 * Python-style slicing along one dim, `x[start:end:step]`: negative indices count from the end
 * and out-of-range bounds are clamped. Returns a view.
 */
export function slice(
  x: Tensor,
  dim: number,
  start?: number | Tensor,
  end?: number | Tensor,
  step: number | Tensor = 1,
): Tensor {
  const d = normalizeDim('slice', dim, x.ndim);
  start = optionalIndexArg('slice', 'start', start);
  end = optionalIndexArg('slice', 'end', end);
  step = indexArg('slice', 'step', step);
  if (!Number.isInteger(step) || step <= 0) {
    throw new RangeError(`slice: step must be a positive integer, got ${step}`);
  }
  const size = x.shape[d];
  const clampIndex = (v: number) => Math.min(Math.max(v < 0 ? v + size : v, 0), size);
  const s = start === undefined ? 0 : clampIndex(start);
  const e = end === undefined ? size : clampIndex(end);
  const length = e > s ? Math.ceil((e - s) / step) : 0;
  return sliceView(x, d, s, length, step);
}

function sliceView(x: Tensor, d: number, start: number, length: number, step: number): Tensor {
  if (start === 0 && step === 1 && length === x.shape[d]) return x;
  const shape = [...x.shape];
  const strides = [...x.strides];
  shape[d] = length;
  strides[d] = x.strides[d] * step;
  const out = viewOf(x, shape, strides, x.offset + start * x.strides[d]);
  return record('slice', [x], out, { dim: d, start, step });
}

/** The sub-tensor at `index` along `dim`, with that dim removed (PyTorch's `select`; dim 0 is `x[i]`). */
export function select(x: Tensor, dim: number, index: number | Tensor): Tensor {
  const d = normalizeDim('select', dim, x.ndim);
  index = indexArg('select', 'index', index);
  const size = x.shape[d];
  const i = index < 0 ? index + size : index;
  if (!Number.isInteger(i) || i < 0 || i >= size) {
    throw new RangeError(
      `select: index ${index} is out of range for dimension ${dim} with size ${size}`,
    );
  }
  return squeeze(sliceView(x, d, i, 1, 1), d);
}

/** This tensor if it is contiguous, otherwise a contiguous copy. */
export function contiguous(x: Tensor): Tensor {
  if (x.isContiguous()) return x;
  const out = fromBuffer(x, x.backend.copy(x, x.dtype), x.shape, x.dtype);
  return record('copy', [x], out, {});
}

/**
 * A contiguous copy with storage of its own (PyTorch's `clone`). Gradients flow through it.
 *
 * @example
 * ```ts
 * const c = x.clone(); // c.storage !== x.storage
 * ```
 */
export function clone(x: Tensor): Tensor {
  const out = fromBuffer(x, x.backend.copy(x, x.dtype), x.shape, x.dtype);
  return record('copy', [x], out, {});
}
