import type { View } from '../../backend';
import type { TypedArray } from '../../dtype';
import { gemmControl } from './gemm-control';
import { gemmPool, gemmPoolSize, RESERVED_BYTES } from './gemm-pool';
import { matmulSizes } from '../matmul-sizes';
import { loadWasmGemm } from './load-wasm-gemm';
import { getNumThreads } from './num-threads';
import { wasmMatmulSettings } from './wasm-matmul-settings';

// The micro-tile of assembly/gemm.ts: thread splits fall on whole tiles.
const MR = 2;
const NR = 16;

/** Where one operand landed in wasm memory. */
interface Placed {
  /** Byte address of each batch's matrix. */
  addresses: number[];
  rowStride: number;
  colStride: number;
}

let tableView: Int32Array | undefined;

/**
 * The float32 batched matmul on the WebAssembly SIMD gemm: `a` [...batch, m, k] times `b`
 * [...batch, k, n] (batch dims already broadcast, as `Backend.matmul` receives them), as a new
 * contiguous Float32Array. Returns `undefined` when it cannot run here (no WebAssembly SIMD, not
 * float32 storage, operands beyond wasm's 4 GiB), and the caller uses the TypeScript gemm.
 *
 * The operands are copied into wasm memory as they lie in their buffers (so transposed, offset and
 * broadcast views cost one memcpy, and packing absorbs their strides), or gathered contiguously
 * when a view spans far more of its buffer than it reads. Products of at least
 * `wasmMatmulSettings.minParallelFlops` are split over {@link getNumThreads} threads.
 *
 * @example
 * ```ts
 * const c = wasmMatmul(a, b) ?? tsMatmul(a, b, 'float32');
 * ```
 */
export function wasmMatmul(a: View<TypedArray>, b: View<TypedArray>): Float32Array | undefined {
  const A = a.buffer;
  const B = b.buffer;
  if (!(A instanceof Float32Array) || !(B instanceof Float32Array)) return undefined;
  const wasm = loadWasmGemm();
  if (wasm === undefined) return undefined;
  const nd = a.shape.length;
  const { m, k, n, batches } = matmulSizes(a, b);
  const size = batches * m * n;
  // Empty products are zeros (k = 0) or empty (m, n or a batch dim = 0).
  if (size === 0 || k === 0) return new Float32Array(size);

  // The kernel's cost: padded to whole 2×16 tiles (n = 10 costs what n = 16 does).
  const flops = 2 * batches * roundUp(m, MR) * roundUp(n, NR) * k;
  const threads = flops >= wasmMatmulSettings.minParallelFlops ? getNumThreads() : 1;
  const pool = threads > 1 ? gemmPool(wasm, threads) : undefined;

  // Memory layout: [reserved][scratch per thread][task table][A][B][C], 16-byte aligned.
  const spanA = span(a);
  const spanB = span(b);
  // Threads split each product into slabs of rows (every slab then repacks all of B) or of
  // columns (every slab repacks A): whichever repacks less. Gathering strided columns of B
  // (A·Bᵀ) packs ~4× slower than copying rows, and pairs of A's strided rows (Aᵀ·B) ~2×.
  const byRows = n * (b.strides[nd - 1] === 1 ? 1 : 4) <= m * (a.strides[nd - 1] === 1 ? 1 : 2);
  const tasks =
    pool === undefined
      ? 0
      : taskCount(
          batches,
          byRows ? m : n,
          byRows ? MR : NR,
          pool.size * wasmMatmulSettings.tasksPerThread,
        );
  const tableAt = RESERVED_BYTES + Math.max(gemmPoolSize(), 1) * wasm.scratchBytes;
  const aAt = align16(tableAt + tasks * gemmControl.TASK_BYTES);
  const bAt = align16(aAt + 4 * spanA.copied);
  const cAt = align16(bAt + 4 * spanB.copied);
  const heap = wasm.heap(cAt + 4 * size);
  if (heap === undefined) return undefined;
  const pa = place(a, spanA, heap, aAt);
  const pb = place(b, spanB, heap, bAt);

  let out: Float32Array | undefined;
  if (pool === undefined) {
    const work = RESERVED_BYTES;
    for (let t = 0; t < batches; t++) {
      // prettier-ignore
      wasm.exports.gemm(
        m, n, k,
        pa.addresses[t], pa.rowStride, pa.colStride,
        pb.addresses[t], pb.rowStride, pb.colStride,
        cAt + 4 * t * m * n, n, work,
      );
    }
  } else {
    if (tableView?.buffer !== heap.buffer) tableView = new Int32Array(heap.buffer);
    const table = tableView;
    let q = tableAt / 4;
    const perBatch = tasks / batches;
    for (let t = 0; t < batches; t++) {
      const c = cAt + 4 * t * m * n;
      const extent = byRows ? m : n;
      const unit = byRows ? MR : NR;
      for (let s = 0; s < perBatch; s++) {
        const from = Math.min(extent, roundUp(Math.floor((extent * s) / perBatch), unit));
        const to =
          s + 1 === perBatch ? extent : roundUp(Math.floor((extent * (s + 1)) / perBatch), unit);
        const size = Math.min(to, extent) - from;
        table[q] = byRows ? size : m;
        table[q + 1] = byRows ? n : size;
        table[q + 2] = k; // addresses past 2³¹ wrap to negative int32: wasm reads them as u32
        table[q + 3] = pa.addresses[t] + (byRows ? 4 * from * pa.rowStride : 0);
        table[q + 4] = pa.rowStride;
        table[q + 5] = pa.colStride;
        table[q + 6] = pb.addresses[t] + (byRows ? 0 : 4 * from * pb.colStride);
        table[q + 7] = pb.rowStride;
        table[q + 8] = pb.colStride;
        table[q + 9] = c + 4 * (byRows ? from * n : from);
        table[q + 10] = n;
        q += gemmControl.TASK_BYTES >> 2;
      }
    }
    // Jobs of at most 4095 tasks (the control block's index field); empty slabs do nothing.
    // While the workers start on the first job, this thread allocates the output and touches
    // its pages: when the C allocator hands out fresh pages, each costs a ~13 µs fault on this
    // VM (~3 ms for a 512² result), which then overlaps the workers' arithmetic.
    const perJob = (1 << gemmControl.INDEX_BITS) - 1;
    for (let first = 0; first < tasks; first += perJob) {
      const count = Math.min(perJob, tasks - first);
      pool.run(tableAt + first * gemmControl.TASK_BYTES, count, RESERVED_BYTES, () => {
        if (out !== undefined) return;
        out = new Float32Array(size);
        for (let i = 0; i < size; i += 1024) out[i] = 0;
      });
    }
  }
  out ??= new Float32Array(size);
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
function place(v: View<TypedArray>, s: Span, heap: Float32Array, at: number): Placed {
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

/**
 * How many tasks to cut a batch of products into, for about `wanted` in all: each product is cut
 * along a dim of `extent` into slabs of whole tiles (`unit` wide), and a large batch is shared
 * out one product per task.
 */
function taskCount(batches: number, extent: number, unit: number, wanted: number): number {
  const tiles = Math.ceil(extent / unit);
  return batches * Math.max(1, Math.min(tiles, Math.ceil(wanted / batches)));
}

// Addresses can pass 2³¹, so no bit tricks (`& ~15`, `>> 2`) on them.
function align16(bytes: number): number {
  return Math.ceil(bytes / 16) * 16;
}

function roundUp(x: number, unit: number): number {
  return Math.ceil(x / unit) * unit;
}
