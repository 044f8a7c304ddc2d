import type { CpuAccelerator } from '../cpu-accelerator';
import { nodeGemmThreads } from './node-gemm-threads';
import { wasmAdamStep } from './wasm-adam-step';
import { wasmMatmul } from './wasm-matmul';

/**
 * The CPU backend's WebAssembly SIMD kernels: the float32 gemm and Adam step. This is the Node
 * build's: large products are split over a pool of `worker_threads` (see `setNumThreads`). The
 * default CPU backend already runs on it in Node; browsers import it explicitly (their build,
 * `cpu-wasm.browser.ts`, stays on the calling thread and carries no worker code).
 *
 * @example
 * ```ts
 * import { createCpuBackend, setDefaultBackend } from '@torchlet/tensor';
 * import { cpuWasm } from '@torchlet/tensor/cpu-wasm';
 * setDefaultBackend(createCpuBackend({ wasm: cpuWasm })); // in Node: cpuBackend itself
 * ```
 */
export const cpuWasm: CpuAccelerator = {
  name: 'wasm+threads',
  matmul: (a, b) => wasmMatmul(a, b, nodeGemmThreads),
  adamStep: (param, grad, expAvg, expAvgSq, scalars) =>
    wasmAdamStep(param, grad, expAvg, expAvgSq, scalars, nodeGemmThreads),
  threads: () => nodeGemmThreads.count(),
};
