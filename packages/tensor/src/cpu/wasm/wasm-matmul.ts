import type { View } from '../../backend';
import type { TypedArray } from '../../dtype';
import { matmulSizes } from '../matmul-sizes';
import type { GemmThreads, PlacedOperand } from './gemm-threads';
import { loadWasmGemm } from './load-wasm-gemm';
import { RESERVED_BYTES } from './reserved-bytes';

/**
 * The float32 batched matmul on the WebAssembly SIMD gemm: `a` [...batch, m, k] times `b`
 * [...batch, k, n] (batch dims already broadcast, as `Backend.matmul` receives them), as a new
 * contiguous Float32Array. Returns `undefined` when it cannot run here (no WebAssembly SIMD, not
 * float32 storage, operands beyond wasm's 4 GiB), and the caller uses the TypeScript gemm.
 *
 * The operands are copied into wasm memory as they lie in their buffers (so transposed, offset and
 * broadcast views cost one memcpy, and packing absorbs their strides), or gathered contiguously
 * when a view spans far more of its buffer than it reads. With `threads` (Node), large products
 * are split over worker threads; without, everything runs on the calling thread.
 *
 * @example
 * ```ts
 * const c = wasmMatmul(a, b, nodeGemmThreads) ?? matmulKernel(a, b, 'float32');
 * ```
 */
export function wasmMatmul(
  a: View<TypedArray>,
  b: View<TypedArray>,
  threads?: GemmThreads,
): Float32Array | undefined {
  const A = a.buffer;
  const B = b.buffer;
  if (!(A instanceof Float32Array) || !(B instanceof Float32Array)) return undefined;
  const wasm = loadWasmGemm(threads?.shared() ?? false);
  if (wasm === undefined) return undefined;
  const sizes = matmulSizes(a, b);
  const { m, k, n, batches } = sizes;
  const size = batches * m * n;
  // Empty products are zeros (k = 0) or empty (m, n or a batch dim = 0).
  if (size === 0 || k === 0) return new Float32Array(size);
  // Split before the layout: starting the pool changes how many scratch slots are in use.
  const job = threads?.split(wasm, a, b, sizes);

  // Memory layout: [reserved][scratch per thread][task table][A][B][C], 16-byte aligned.
  const spanA = span(a);
  const spanB = span(b);
  const tableAt = RESERVED_BYTES + (threads?.slots() ?? 1) * wasm.scratchBytes;
  const aAt = align16(tableAt + (job?.tableBytes ?? 0));
  const bAt = align16(aAt + 4 * spanA.copied);
  const cAt = align16(bAt + 4 * spanB.copied);
  const heap = wasm.heap(cAt + 4 * size);
  if (heap === undefined) return undefined;
  const pa = place(a, spanA, heap, aAt);
  const pb = place(b, spanB, heap, bAt);

  let out: Float32Array;
  if (job === undefined) {
    for (let t = 0; t < batches; t++) {
      // prettier-ignore
      wasm.exports.gemm(
        m, n, k,
        pa.addresses[t], pa.rowStride, pa.colStride,
        pb.addresses[t], pb.rowStride, pb.colStride,
        cAt + 4 * t * m * n, n, RESERVED_BYTES,
      );
    }
    out = new Float32Array(size);
  } else {
    out = job.run(heap, tableAt, pa, pb, cAt, size);
  }
  out.set(heap.subarray(cAt / 4, cAt / 4 + size));
  return out;
}

/** The part of a view's buffer to copy into wasm memory. */
interface Span {
  /** First buffer index that the view reads, when copied as it lies; -1 to gather. */
  lo: number;
  /** Elements to copy. */
  copied: number;
}

/**
 * A view is copied as it lies in its buffer (one memcpy; transposes, broadcasts and offsets
 * keep their strides) unless that would copy more than twice what it reads, as for a narrow
 * slice of a wide tensor: then it is gathered contiguously. Negative strides are gathered too.
 */
function span(v: View<TypedArray>): Span {
  let lo = v.offset;
  let hi = v.offset;
  let numel = 1;
  let negative = false;
  for (let d = 0; d < v.shape.length; d++) {
    const reach = (v.shape[d] - 1) * v.strides[d];
    if (v.strides[d] < 0) negative = true;
    if (reach > 0) hi += reach;
    numel *= v.shape[d];
  }
  const width = hi - lo + 1;
  if (!negative && width <= 2 * numel + 1024) return { lo, copied: width };
  return { lo: -1, copied: numel };
}

/** Copies a view into wasm memory at byte `at` and returns where each batch matrix lies. */
function place(v: View<TypedArray>, s: Span, heap: Float32Array, at: number): PlacedOperand {
  const nd = v.shape.length;
  const rows = v.shape[nd - 2];
  const cols = v.shape[nd - 1];
  const src = v.buffer as Float32Array;
  const addresses: number[] = [];
  if (s.lo >= 0) {
    heap.set(src.subarray(s.lo, s.lo + s.copied), at / 4);
    forEachBatch(v, (offset) => addresses.push(at + 4 * (offset - s.lo)));
    return { addresses, rowStride: v.strides[nd - 2], colStride: v.strides[nd - 1] };
  }
  // Gather: batch matrices one after another, each row-major.
  let q = at / 4;
  const rs = v.strides[nd - 2];
  const cs = v.strides[nd - 1];
  forEachBatch(v, (offset) => {
    addresses.push(4 * q);
    for (let i = 0; i < rows; i++) {
      let e = offset + i * rs;
      for (let j = 0; j < cols; j++, e += cs) heap[q++] = src[e];
    }
  });
  return { addresses, rowStride: cols, colStride: 1 };
}

/** Calls `fn` with the buffer offset of each batch matrix of `v`, in row-major batch order. */
function forEachBatch(v: View<TypedArray>, fn: (offset: number) => void): void {
  const dims = v.shape.length - 2;
  const index = new Array<number>(dims).fill(0);
  let offset = v.offset;
  for (;;) {
    fn(offset);
    let d = dims - 1;
    for (; d >= 0; d--) {
      offset += v.strides[d];
      if (++index[d] < v.shape[d]) break;
      offset -= v.strides[d] * v.shape[d];
      index[d] = 0;
    }
    if (d < 0) return;
  }
}

// Addresses can pass 2³¹, so no bit tricks (`& ~15`, `>> 2`) on them.
function align16(bytes: number): number {
  return Math.ceil(bytes / 16) * 16;
}
