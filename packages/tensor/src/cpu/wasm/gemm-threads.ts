import type { WasmGemm } from './load-wasm-gemm';
import type { View } from '../../backend';
import type { TypedArray } from '../../dtype';

/** Where one operand of a product landed in wasm memory. */
export interface PlacedOperand {
  /** Byte address of each batch's matrix. */
  addresses: number[];
  rowStride: number;
  colStride: number;
}

/** A product split into tasks for the thread pool (see {@link GemmThreads.split}). */
export interface ThreadedJob {
  /** Bytes of task table that {@link ThreadedJob.run} writes after the scratch slots. */
  readonly tableBytes: number;
  /**
   * Runs the tasks on every thread, the calling one included, with the task table at byte
   * `tableAt`, the operands placed, and C (`size` floats) at byte `cAt`. Returns the output
   * array, allocated (and its pages touched) while the workers compute.
   */
  run(
    heap: Float32Array,
    tableAt: number,
    a: PlacedOperand,
    b: PlacedOperand,
    cAt: number,
    size: number,
  ): Float32Array;
}

/**
 * How `wasmMatmul` splits large products over worker threads. Only the Node build's
 * `cpuWasm` passes one ({@link nodeGemmThreads}), so browser bundles carry no worker code.
 *
 * @example
 * ```ts
 * const job = threads?.split(wasm, a, b, sizes); // undefined: run on the calling thread
 * ```
 */
export interface GemmThreads {
  /** Whether the wasm memory should be shared, so worker threads can compute in it. */
  shared(): boolean;
  /** Threads for large products, the calling thread included. */
  count(): number;
  /** Packing scratch slots in use (threads of the running pool, else 1). */
  slots(): number;
  /** The product split into tasks, or `undefined` to run it on the calling thread. */
  split(
    wasm: WasmGemm,
    a: View<TypedArray>,
    b: View<TypedArray>,
    sizes: { m: number; k: number; n: number; batches: number },
  ): ThreadedJob | undefined;
}
