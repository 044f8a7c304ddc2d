import { GemmThreadPool } from './gemm-thread-pool';
import type { WasmGemm } from './load-wasm-gemm';
import { nodeBuiltin } from './node-builtin';
import { RESERVED_BYTES } from './reserved-bytes';

let pool: GemmThreadPool | undefined;

/**
 * The process's gemm thread pool with `threads` threads (the caller included), started on first
 * use and restarted when the count changes; `undefined` for one thread, or where worker threads
 * or shared wasm memory are unavailable. Thread `t` packs into the scratch at
 * `RESERVED_BYTES + t * wasm.scratchBytes`.
 *
 * @example
 * ```ts
 * const pool = gemmPool(wasm, getNumThreads());
 * pool?.run(taskTable, taskCount, RESERVED_BYTES);
 * ```
 */
export function gemmPool(wasm: WasmGemm, threads: number): GemmThreadPool | undefined {
  if (pool?.size === threads) return pool;
  pool?.terminate();
  pool = undefined;
  const workerThreads = nodeBuiltin<typeof import('node:worker_threads')>('node:worker_threads');
  if (threads < 2 || !wasm.shared || workerThreads === undefined) return undefined;
  pool = new GemmThreadPool(
    wasm,
    workerThreads,
    threads,
    (slot) => RESERVED_BYTES + slot * wasm.scratchBytes,
  );
  return pool;
}

/** Threads of the running pool, or 1 when there is none: scratch slots that are in use. */
export function gemmPoolSize(): number {
  return pool?.size ?? 1;
}
