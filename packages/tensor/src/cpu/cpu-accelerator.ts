import type { View } from '../backend';
import type { TypedArray } from '../dtype';

/**
 * Faster float32 kernels that a CPU backend may run in place of its TypeScript loops: the
 * WebAssembly SIMD gemm and Adam step of `@torchlet/tensor/cpu-wasm` (`cpuWasm`). Each kernel
 * may decline (no WebAssembly SIMD here, operands past wasm's 4 GiB); the backend then runs its
 * TypeScript kernel. Pass one to {@link createCpuBackend} as `{ wasm: cpuWasm }`.
 *
 * @example
 * ```ts
 * import { createCpuBackend } from '@torchlet/tensor';
 * import { cpuWasm } from '@torchlet/tensor/cpu-wasm';
 * const backend = createCpuBackend({ wasm: cpuWasm });
 * ```
 */
export interface CpuAccelerator {
  /** What it runs on, for messages: `'wasm'` (one thread) or `'wasm+threads'`. */
  readonly name: string;
  /**
   * The float32 batched matmul of `Backend.matmul` (batch dims already broadcast), as a new
   * contiguous Float32Array; `undefined` when it cannot run here.
   */
  matmul(a: View<TypedArray>, b: View<TypedArray>): Float32Array | undefined;
  /**
   * One float32 Adam step in place on four arrays of equal length, given the nine float32
   * scalars of `adamStepKernel` (decay, l2, b1, 1 − b1, b2, 1 − b2, √bias2, step size, eps);
   * false when it cannot run here. Must give the TypeScript loop's results bit for bit.
   */
  adamStep(
    param: Float32Array,
    grad: Float32Array,
    expAvg: Float32Array,
    expAvgSq: Float32Array,
    scalars: readonly number[],
  ): boolean;
  /** Threads its matmul uses for large products, the calling thread included (see `setNumThreads`). */
  threads(): number;
}
