import type { Backend, BinaryOp, ReduceOp, UnaryOp, View } from '../backend';
import { allocTyped, type DType, type TypedArray } from '../dtype';
import { contiguousStrides, numel } from '../shape';
import { binaryFunction } from './binary-function';
import { defaultAccelerator } from './default-accelerator';
import { int32Pow } from './int32-pow';
import { adamStepKernel } from './fused/adam-step-kernel';
import { cpuFusedKernels } from './fused/cpu-fused-kernels';
import {
  binaryFloat32,
  compareFloat32,
  maskFloat32,
  sumFloat32,
  unaryFloat32,
} from './float32-loops';
import { gemm } from './gemm';
import { matmulSizes } from './matmul-sizes';
import { isContiguous, lockstepPlans, rowStart } from './strided';
import { unaryFunction } from './unary-function';

type CpuView = View<TypedArray>;

/**
 * The CPU backend: kernels over typed arrays, owned by the garbage collector; the embedded
 * default. In Node its float32 matmul and Adam step run on WebAssembly SIMD, the matmul on
 * worker threads too (`@torchlet/tensor/cpu-wasm`, wired in by the package's `node` export
 * condition); in browser bundles everything is TypeScript, unless the app passes `cpuWasm` to
 * {@link createCpuBackend}. `createCpuBackend({ wasm: false })` is the all-TypeScript reference
 * that the conformance suite holds other backends to.
 *
 * @example
 * ```ts
 * import { cpuBackend, setDefaultBackend } from '@torchlet/tensor';
 * setDefaultBackend(cpuBackend);
 * ```
 */
export const cpuBackend: Backend<TypedArray> = {
  name: 'cpu',
  specVersion: 1,
  fused: {
    ...cpuFusedKernels,
    adamStep: (p, g, m, v, o, dtype) => adamStepKernel(p, g, m, v, o, dtype, defaultAccelerator),
  },

  upload(data, dtype) {
    const out = allocTyped(dtype, data.length);
    if (dtype === 'bool') {
      for (let i = 0; i < data.length; i++) out[i] = data[i] !== 0 ? 1 : 0;
    } else {
      out.set(data as ArrayLike<number>);
    }
    return out;
  },

  full(size, value, dtype) {
    const out = allocTyped(dtype, size);
    if (value !== 0) out.fill(dtype === 'bool' ? 1 : value);
    return out;
  },

  read(buffer, dtype) {
    return Promise.resolve(this.readSync!(buffer, dtype));
  },

  readSync(buffer) {
    return buffer.slice();
  },

  free() {
    // Typed arrays belong to the garbage collector.
  },

  copy(x, dtype) {
    const out = allocTyped(dtype, numel(x.shape));
    stridedCopy(x, out, 0, contiguousStrides(x.shape), dtype === 'bool');
    return out;
  },

  unary(op, x, dtype) {
    return unaryKernel(op, x, dtype);
  },

  binary(op, a, b, dtype) {
    return binaryKernel(op, a, b, dtype);
  },

  reduce(op, x, dims, dtype) {
    return reduceKernel(op, x, dims, dtype);
  },

  matmul(a, b, dtype) {
    // float32 runs on the accelerator (Node: the WebAssembly SIMD gemm, threaded for large
    // products) where it can; otherwise, and for float64/int, on the TypeScript gemm.
    return (
      (dtype === 'float32' ? defaultAccelerator?.matmul(a, b) : undefined) ??
      matmulKernel(a, b, dtype)
    );
  },

  where(cond, a, b, dtype) {
    const out = allocTyped(dtype, numel(cond.shape));
    const [pc, pa, pb] = lockstepPlans(cond.shape, [cond, a, b]);
    const C = cond.buffer;
    const A = a.buffer;
    const B = b.buffer;
    const len = pc.rowLength;
    let o = 0;
    for (let r = 0; r < pc.rows; r++) {
      let ic = rowStart(pc, r);
      let ia = rowStart(pa, r);
      let ib = rowStart(pb, r);
      for (let j = 0; j < len; j++) {
        out[o++] = C[ic] !== 0 ? A[ia] : B[ib];
        ic += pc.rowStride;
        ia += pa.rowStride;
        ib += pb.rowStride;
      }
    }
    return out;
  },

  gather(x, dim, index, dtype) {
    const shape = index.shape;
    const n = numel(shape);
    const out = allocTyped(dtype, n);
    const X = x.buffer;
    const I = index.buffer;
    const size = x.shape[dim];
    const layouts = [index.strides, x.strides];
    forEachPosition(shape, layouts, [index.offset, x.offset], [false, true], dim, (o, offs) => {
      const k = I[offs[0]];
      if (k < 0 || k >= size) throw indexError('gather', k, dim, size);
      out[o] = X[offs[1] + k * x.strides[dim]];
    });
    return out;
  },

  scatterAdd(base, dim, index, src, dtype) {
    const out = allocTyped(dtype, numel(base.shape));
    const outStrides = contiguousStrides(base.shape);
    stridedCopy(base, out, 0, outStrides, false);
    const I = index.buffer;
    const S = src.buffer;
    const size = base.shape[dim];
    forEachPosition(
      index.shape,
      [index.strides, src.strides, outStrides],
      [index.offset, src.offset, 0],
      [false, false, true],
      dim,
      (_o, offs) => {
        const k = I[offs[0]];
        if (k < 0 || k >= size) throw indexError('scatterAdd', k, dim, size);
        out[offs[2] + k * outStrides[dim]] += S[offs[1]];
      },
    );
    return out;
  },

  cat(xs, dim, dtype) {
    const shape = xs[0].shape.slice();
    let total = 0;
    for (const x of xs) total += x.shape[dim];
    shape[dim] = total;
    const out = allocTyped(dtype, numel(shape));
    const strides = contiguousStrides(shape);
    let at = 0;
    for (const x of xs) {
      stridedCopy(x, out, at * strides[dim], strides, dtype === 'bool');
      at += x.shape[dim];
    }
    return out;
  },
};

function indexError(op: string, k: number, dim: number, size: number): RangeError {
  return new RangeError(
    `${op}: index ${k} is out of bounds for dimension ${dim} with size ${size}`,
  );
}

/** Copies view `x` into `out` laid out with `outStrides` from `outOffset`. */
function stridedCopy(
  x: CpuView,
  out: TypedArray,
  outOffset: number,
  outStrides: readonly number[],
  toBool: boolean,
): void {
  const [px, po] = lockstepPlans(x.shape, [x, { strides: outStrides, offset: outOffset }]);
  const X = x.buffer;
  const len = px.rowLength;
  for (let r = 0; r < px.rows; r++) {
    let ix = rowStart(px, r);
    let io = rowStart(po, r);
    if (toBool) {
      for (let j = 0; j < len; j++) {
        out[io] = X[ix] !== 0 ? 1 : 0;
        ix += px.rowStride;
        io += po.rowStride;
      }
    } else if (px.rowStride === 1 && po.rowStride === 1 && X.constructor === out.constructor) {
      out.set(X.subarray(ix, ix + len), io);
    } else {
      for (let j = 0; j < len; j++) {
        out[io] = X[ix];
        ix += px.rowStride;
        io += po.rowStride;
      }
    }
  }
}

function unaryKernel(op: UnaryOp, x: CpuView, dtype: DType): TypedArray {
  const out = allocTyped(dtype, numel(x.shape));
  const [p] = lockstepPlans(x.shape, [x]);
  const X = x.buffer;
  if (out instanceof Float32Array && X instanceof Float32Array && unaryFloat32(op, X, p, out)) {
    return out;
  }
  const f = unaryFunction(op);
  const len = p.rowLength;
  let o = 0;
  for (let r = 0; r < p.rows; r++) {
    let i = rowStart(p, r);
    const s = p.rowStride;
    for (let j = 0; j < len; j++, i += s) out[o++] = f(X[i]);
  }
  return out;
}

function binaryKernel(op: BinaryOp, a: CpuView, b: CpuView, dtype: DType): TypedArray {
  const out = allocTyped(dtype, numel(a.shape));
  const [pa, pb] = lockstepPlans(a.shape, [a, b]);
  const A = a.buffer;
  const B = b.buffer;
  if (
    out instanceof Float32Array &&
    A instanceof Float32Array &&
    B instanceof Float32Array &&
    binaryFloat32(op, A, pa, B, pb, out)
  ) {
    return out;
  }
  if (
    out instanceof Uint8Array &&
    A instanceof Float32Array &&
    B instanceof Float32Array &&
    compareFloat32(op, A, pa, B, pb, out)
  ) {
    return out;
  }
  if (op === 'mul' && out instanceof Float32Array) {
    // A product is commutative in floating point, so the mask may sit on either side.
    if (A instanceof Float32Array && B instanceof Uint8Array) {
      maskFloat32(A, pa, B, pb, out);
      return out;
    }
    if (A instanceof Uint8Array && B instanceof Float32Array) {
      maskFloat32(B, pb, A, pa, out);
      return out;
    }
  }
  const len = pa.rowLength;
  const sa = pa.rowStride;
  const sb = pb.rowStride;
  const f = binaryFunction(op);
  let o = 0;
  for (let r = 0; r < pa.rows; r++) {
    let ia = rowStart(pa, r);
    let ib = rowStart(pb, r);
    // The hottest ops get loops of their own, so the JIT sees no indirect call.
    switch (op) {
      case 'add':
        for (let j = 0; j < len; j++, ia += sa, ib += sb) out[o++] = A[ia] + B[ib];
        break;
      case 'sub':
        for (let j = 0; j < len; j++, ia += sa, ib += sb) out[o++] = A[ia] - B[ib];
        break;
      case 'mul':
        // int32 products wrap as in PyTorch; a float64 product would round before wrapping.
        if (out instanceof Int32Array) {
          for (let j = 0; j < len; j++, ia += sa, ib += sb) out[o++] = Math.imul(A[ia], B[ib]);
        } else {
          for (let j = 0; j < len; j++, ia += sa, ib += sb) out[o++] = A[ia] * B[ib];
        }
        break;
      case 'pow':
        if (out instanceof Int32Array) {
          for (let j = 0; j < len; j++, ia += sa, ib += sb) out[o++] = int32Pow(A[ia], B[ib]);
        } else {
          for (let j = 0; j < len; j++, ia += sa, ib += sb) out[o++] = f(A[ia], B[ib]);
        }
        break;
      case 'div':
        for (let j = 0; j < len; j++, ia += sa, ib += sb) out[o++] = A[ia] / B[ib];
        break;
      default:
        for (let j = 0; j < len; j++, ia += sa, ib += sb) out[o++] = f(A[ia], B[ib]);
    }
  }
  return out;
}

function reduceKernel(op: ReduceOp, x: CpuView, dims: readonly number[], dtype: DType): TypedArray {
  const nd = x.shape.length;
  if (op === 'sum' && dtype === 'float32' && x.buffer instanceof Float32Array && dims.length > 0) {
    const fast = blockSum(x.buffer, x, dims);
    if (fast !== null) return fast;
  }
  const reduced = new Array<boolean>(nd).fill(false);
  for (const d of dims) reduced[d] = true;
  const keptShape: number[] = [];
  const keptStrides: number[] = [];
  const redShape: number[] = [];
  const redStrides: number[] = [];
  for (let d = 0; d < nd; d++) {
    if (reduced[d]) {
      redShape.push(x.shape[d]);
      redStrides.push(x.strides[d]);
    } else {
      keptShape.push(x.shape[d]);
      keptStrides.push(x.strides[d]);
    }
  }
  const outSize = numel(keptShape);
  const out = allocTyped(dtype, outSize);
  const inner = offsetsOf(redShape, redStrides);
  const outer = offsetsOf(keptShape, keptStrides);
  const X = x.buffer;
  const R = inner.length;
  for (let o = 0; o < outSize; o++) {
    const base = x.offset + outer[o];
    switch (op) {
      case 'sum': {
        let s = 0;
        for (let j = 0; j < R; j++) s += X[base + inner[j]];
        out[o] = s;
        break;
      }
      case 'max':
      case 'argmax': {
        let best = -Infinity;
        let at = 0;
        for (let j = 0; j < R; j++) {
          const v = X[base + inner[j]];
          if (v > best || v !== v) {
            best = v;
            at = j;
            if (v !== v) break;
          }
        }
        out[o] = op === 'max' ? best : at;
        break;
      }
      case 'min':
      case 'argmin': {
        let best = Infinity;
        let at = 0;
        for (let j = 0; j < R; j++) {
          const v = X[base + inner[j]];
          if (v < best || v !== v) {
            best = v;
            at = j;
            if (v !== v) break;
          }
        }
        out[o] = op === 'min' ? best : at;
        break;
      }
    }
  }
  return out;
}

/** Flat offsets of every position of a strided shape, in row-major order. */
function offsetsOf(shape: readonly number[], strides: readonly number[]): Int32Array {
  const n = numel(shape);
  const out = new Int32Array(n);
  const nd = shape.length;
  const idx = new Array<number>(nd).fill(0);
  let pos = 0;
  for (let i = 0; i < n; i++) {
    out[i] = pos;
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]++;
      pos += strides[d];
      if (idx[d] < shape[d]) break;
      pos -= strides[d] * shape[d];
      idx[d] = 0;
    }
  }
  return out;
}

/**
 * Visits every position of `shape` in row-major order with the flat offset of several strided
 * layouts. Layouts marked in `skip` leave out the stride of `skipDim` (the caller adds it from an
 * index value).
 */
function forEachPosition(
  shape: readonly number[],
  strides: readonly (readonly number[])[],
  offsets: readonly number[],
  skip: readonly boolean[],
  skipDim: number,
  fn: (o: number, offs: number[]) => void,
): void {
  const n = numel(shape);
  const nd = shape.length;
  const idx = new Array<number>(nd).fill(0);
  const offs = offsets.slice();
  const step = strides.map((s, k) => shape.map((_, d) => (skip[k] && d === skipDim ? 0 : s[d])));
  for (let o = 0; o < n; o++) {
    fn(o, offs);
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]++;
      for (let k = 0; k < offs.length; k++) offs[k] += step[k][d];
      if (idx[d] < shape[d]) break;
      for (let k = 0; k < offs.length; k++) offs[k] -= step[k][d] * shape[d];
      idx[d] = 0;
    }
  }
}

/**
 * Batched matmul on the pure-TypeScript gemm, for every dtype: the reference that
 * `createCpuBackend({ wasm: false })` uses for float32 too.
 */
export function matmulKernel(a: CpuView, b: CpuView, dtype: DType): TypedArray {
  const nd = a.shape.length;
  const { m, k, n, batches } = matmulSizes(a, b);
  const batchShape = a.shape.slice(0, nd - 2);
  const out = allocTyped(dtype, batches * m * n);
  // gemm works on float arrays; integer inputs go through float64.
  const A = asFloat(a.buffer);
  const B = asFloat(b.buffer);
  const C =
    dtype === 'float32' || dtype === 'float64'
      ? (out as Float32Array | Float64Array)
      : new Float64Array(out.length);
  const aOff = offsetsOf(batchShape, a.strides.slice(0, nd - 2));
  const bOff = offsetsOf(batchShape, b.strides.slice(0, nd - 2));
  for (let t = 0; t < batches; t++) {
    gemm(
      m,
      n,
      k,
      A,
      a.offset + aOff[t],
      a.strides[nd - 2],
      a.strides[nd - 1],
      B,
      b.offset + bOff[t],
      b.strides[nd - 2],
      b.strides[nd - 1],
      C,
      t * m * n,
    );
  }
  if (C !== out) out.set(C);
  return out;
}

function asFloat(x: TypedArray): Float32Array | Float64Array {
  return x instanceof Float32Array || x instanceof Float64Array ? x : Float64Array.from(x);
}

/**
 * Float32 sums of a contiguous view over one run of adjacent dims (`sum(-1)`, `sum(0)`, a full
 * sum): a blocked loop with no offset tables. Null for other layouts.
 */
function blockSum(X: Float32Array, x: CpuView, dims: readonly number[]): Float32Array | null {
  const first = dims[0];
  const last = dims[dims.length - 1];
  if (last - first + 1 !== dims.length || !isContiguous(x.shape, x.strides)) return null;
  let outer = 1;
  let reduced = 1;
  let inner = 1;
  x.shape.forEach((size, d) => {
    if (d < first) outer *= size;
    else if (d > last) inner *= size;
    else reduced *= size;
  });
  const out = new Float32Array(outer * inner);
  sumFloat32(X, x.offset, outer, reduced, inner, out);
  return out;
}
