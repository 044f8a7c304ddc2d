import { requestedThreads } from '../set-num-threads';
import { gemmControl } from './gemm-control';
import { gemmPool, gemmPoolSize } from './gemm-pool';
import type { GemmThreads, PlacedOperand } from './gemm-threads';
import { nodeBuiltin } from './node-builtin';
import { RESERVED_BYTES } from './reserved-bytes';
import { singleThreadedBecause } from './single-threaded-because';
import { wasmMatmulSettings } from './wasm-matmul-settings';
import { workerThreadsAvailable } from './worker-threads-available';

// More threads than this are rarely faster for one matmul (each packs its own operand panels)
// and cost a worker each, so the default stops here; setNumThreads can go higher.
const DEFAULT_MAX = 8;

// The micro-tile of assembly/gemm.ts: thread splits fall on whole tiles.
const MR = 2;
const NR = 16;

let tableView: Int32Array | undefined;

/**
 * The worker-thread split of the Node build's `cpuWasm`: products of at least
 * `wasmMatmulSettings.minParallelFlops` are cut into slabs of rows or columns, two per thread,
 * which a persistent pool of `worker_threads` and the calling thread claim as they come.
 *
 * @example
 * ```ts
 * wasmMatmul(a, b, nodeGemmThreads); // threaded where worker threads exist
 * ```
 */
export const nodeGemmThreads: GemmThreads = {
  shared: workerThreadsAvailable,

  count() {
    if (singleThreadedBecause() !== undefined) return 1;
    const requested = requestedThreads();
    if (requested !== undefined) return requested;
    const os = nodeBuiltin<typeof import('node:os')>('node:os');
    return Math.max(1, Math.min(DEFAULT_MAX, os?.availableParallelism?.() ?? 1));
  },

  slots: gemmPoolSize,

  split(wasm, a, b, { m, k, n, batches }) {
    // The kernel's cost: padded to whole 2×16 tiles (n = 10 costs what n = 16 does).
    const flops = 2 * batches * roundUp(m, MR) * roundUp(n, NR) * k;
    const threads = flops >= wasmMatmulSettings.minParallelFlops ? this.count() : 1;
    const pool = threads > 1 ? gemmPool(wasm, threads) : undefined;
    if (pool === undefined) return undefined;
    const nd = a.shape.length;
    // Threads split each product into slabs of rows (every slab then repacks all of B) or of
    // columns (every slab repacks A): whichever repacks less. Gathering strided columns of B
    // (A·Bᵀ) packs ~4× slower than copying rows, and pairs of A's strided rows (Aᵀ·B) ~2×.
    const byRows = n * (b.strides[nd - 1] === 1 ? 1 : 4) <= m * (a.strides[nd - 1] === 1 ? 1 : 2);
    const extent = byRows ? m : n;
    const unit = byRows ? MR : NR;
    const tasks = taskCount(batches, extent, unit, pool.size * wasmMatmulSettings.tasksPerThread);
    return {
      tableBytes: tasks * gemmControl.TASK_BYTES,
      run(heap, tableAt, pa, pb, cAt, size) {
        writeTasks(heap, tableAt, tasks, batches, { m, k, n, byRows, extent, unit }, pa, pb, cAt);
        let out: Float32Array | undefined;
        // Jobs of at most 4095 tasks (the control block's index field); empty slabs do nothing.
        // While the workers start on the first job, this thread allocates the output and touches
        // its pages: when the C allocator hands out fresh pages, each costs a ~13 µs fault on
        // this VM (~3 ms for a 512² result), which then overlaps the workers' arithmetic.
        const perJob = (1 << gemmControl.INDEX_BITS) - 1;
        for (let first = 0; first < tasks; first += perJob) {
          const count = Math.min(perJob, tasks - first);
          pool.run(tableAt + first * gemmControl.TASK_BYTES, count, RESERVED_BYTES, () => {
            if (out !== undefined) return;
            out = new Float32Array(size);
            for (let i = 0; i < size; i += 1024) out[i] = 0;
          });
        }
        return out ?? new Float32Array(size);
      },
    };
  },
};

/** Writes the gemmTask arguments of every slab of every batch product into the task table. */
function writeTasks(
  heap: Float32Array,
  tableAt: number,
  tasks: number,
  batches: number,
  p: { m: number; k: number; n: number; byRows: boolean; extent: number; unit: number },
  pa: PlacedOperand,
  pb: PlacedOperand,
  cAt: number,
): void {
  if (tableView?.buffer !== heap.buffer) tableView = new Int32Array(heap.buffer);
  const table = tableView;
  const { m, k, n, byRows, extent, unit } = p;
  let q = tableAt / 4;
  const perBatch = tasks / batches;
  for (let t = 0; t < batches; t++) {
    const c = cAt + 4 * t * m * n;
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

function roundUp(x: number, unit: number): number {
  return Math.ceil(x / unit) * unit;
}
