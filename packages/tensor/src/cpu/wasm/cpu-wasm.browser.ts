import type { CpuAccelerator } from '../cpu-accelerator';
import { wasmAdamStep } from './wasm-adam-step';
import { wasmMatmul } from './wasm-matmul';

/**
 * The browser build's {@link cpuWasm}: the WebAssembly SIMD gemm and Adam step on the calling
 * thread, on an ordinary (unshared) memory, with no worker code.
 *
 * @example
 * ```ts
 * import { createCpuBackend, setDefaultBackend } from '@torchlet/tensor';
 * import { cpuWasm } from '@torchlet/tensor/cpu-wasm';
 * setDefaultBackend(createCpuBackend({ wasm: cpuWasm }));
 * ```
 */
export const cpuWasm: CpuAccelerator = {
  name: 'wasm',
  matmul: (a, b) => wasmMatmul(a, b),
  adamStep: (param, grad, expAvg, expAvgSq, scalars) =>
    wasmAdamStep(param, grad, expAvg, expAvgSq, scalars),
  threads: () => 1,
};
