import { GemmThreadPool } from './gemm-thread-pool';
import type { WasmGemm } from './load-wasm-gemm';
import { nodeBuiltin } from './node-builtin';
import { RESERVED_BYTES } from './reserved-bytes';

let pool: GemmThreadPool | undefined;
let failure: string | undefined;

/**
 * The process's gemm thread pool with `threads` threads (the caller included), started on first
 * use and restarted when the count changes; `undefined` for one thread, where worker threads or
 * shared wasm memory are unavailable, or once a worker has failed (see {@link gemmPoolFailure}).
 * Thread `t` packs into the scratch at `RESERVED_BYTES + t * wasm.scratchBytes`.
 *
 * @example
 * ```ts
 * const pool = gemmPool(wasm, getNumThreads());
 * pool?.run(taskTable, taskCount, RESERVED_BYTES);
 * ```
 */
export function gemmPool(wasm: WasmGemm, threads: number): GemmThreadPool | undefined {
  if (gemmPoolFailure() !== undefined) return undefined;
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

/** The running pool, if any, without starting one: for `matmulThreadInfo`. */
export function runningGemmPool(): GemmThreadPool | undefined {
  return pool;
}

/** Threads of the running pool, or 1 when there is none: scratch slots that are in use. */
export function gemmPoolSize(): number {
  return pool?.size ?? 1;
}

/**
 * Why matmul no longer uses worker threads in this process: a worker failed (`'SyntaxError: …'`),
 * which a runtime's worker implementation can cause. The pool is then stopped, matmul runs on the
 * calling thread and `getNumThreads()` says 1 from then on, and a warning says so once.
 * `undefined` while no worker has failed.
 */
export function gemmPoolFailure(): string | undefined {
  const failed = pool?.failed();
  if (failure === undefined && failed !== undefined) {
    failure = failed;
    pool?.terminate();
    pool = undefined;
    console.warn(
      `torchlet: a matmul worker thread failed (${failed}); float32 matmul runs on the calling ` +
        'thread from now on, and getNumThreads() is 1. Please report this with your runtime and version.',
    );
  }
  return failure;
}
