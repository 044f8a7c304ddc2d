import type { Backend } from '../backend';
import type { TypedArray } from '../dtype';
import { cpuBackend, matmulKernel } from './cpu-backend';
import { adamStepKernel } from './fused/adam-step-kernel';

/** Options of {@link createCpuBackend}. */
export interface CpuBackendOptions {
  /**
   * Run float32 matmul on the WebAssembly SIMD gemm (threaded, see `setNumThreads`) where the
   * runtime supports it. Default true; false keeps every kernel in pure TypeScript, the reference
   * implementation.
   */
  wasm?: boolean;
}

/**
 * A CPU backend. With the defaults it is {@link cpuBackend} itself; `{ wasm: false }` gives one
 * whose matmul is the pure-TypeScript gemm for every dtype (slower; float32 products summed in
 * float64), e.g. to check results against the reference or to rule out the wasm kernel.
 *
 * @example
 * ```ts
 * import { createCpuBackend, tensor } from '@torchlet/tensor';
 * const reference = createCpuBackend({ wasm: false });
 * const a = tensor([[1, 2], [3, 4]], { backend: reference });
 * a.matmul(a); // computed by the TypeScript gemm
 * ```
 */
export function createCpuBackend(options: CpuBackendOptions = {}): Backend<TypedArray> {
  if (options.wasm ?? true) return cpuBackend;
  return {
    ...cpuBackend,
    matmul: (a, b, dtype) => matmulKernel(a, b, dtype),
    fused: {
      ...cpuBackend.fused,
      adamStep: (p, g, m, v, o, dtype) => adamStepKernel(p, g, m, v, o, dtype, false),
    },
  };
}
