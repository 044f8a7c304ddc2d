import { gemmPoolFailure } from './gemm-pool';
import { loadWasmGemm } from './load-wasm-gemm';
import { workerThreadsAvailable } from './worker-threads-available';

/**
 * Why float32 matmul runs on the calling thread alone in this process whatever `setNumThreads`
 * asks, or `undefined` where it may use worker threads. Then `getNumThreads()` says 1.
 *
 * @example
 * ```ts
 * singleThreadedBecause(); // undefined in Node 20+, Deno 2 and Bun 1
 * ```
 */
export function singleThreadedBecause(): string | undefined {
  if (!workerThreadsAvailable()) {
    return 'this runtime has no node:worker_threads with SharedArrayBuffer';
  }
  // Instantiated once per process (the threaded matmul needs it anyway).
  if (loadWasmGemm(true)?.shared !== true) {
    return 'this runtime has no WebAssembly SIMD on shared memory';
  }
  return gemmPoolFailure();
}
