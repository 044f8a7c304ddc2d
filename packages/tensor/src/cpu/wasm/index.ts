/**
 * `@torchlet/tensor/cpu-wasm`: the CPU backend's WebAssembly SIMD kernels as an entry of their
 * own, so that bundles which never import it (a gpu.js app, an app that only draws random
 * numbers) carry no WebAssembly and no worker code. In Node the default CPU backend already
 * uses it; in browsers, pass it to `createCpuBackend`.
 *
 * @example
 * ```ts
 * import { createCpuBackend, setDefaultBackend } from '@torchlet/tensor';
 * import { cpuWasm } from '@torchlet/tensor/cpu-wasm';
 * setDefaultBackend(createCpuBackend({ wasm: cpuWasm }));
 * ```
 *
 * @module @torchlet/tensor/cpu-wasm
 */
export { cpuWasm } from './cpu-wasm';
export { matmulThreadInfo, type MatmulThreadInfo } from './matmul-thread-info';
export type { CpuAccelerator } from '../cpu-accelerator';
