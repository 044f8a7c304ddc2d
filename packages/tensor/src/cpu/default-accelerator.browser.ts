import type { CpuAccelerator } from './cpu-accelerator';

/**
 * The browser build's {@link defaultAccelerator}: none, so the default CPU backend runs in
 * TypeScript and bundles carry neither WebAssembly nor worker code. Apps that want the wasm
 * gemm import `cpuWasm` from `@torchlet/tensor/cpu-wasm` and pass it to `createCpuBackend`.
 *
 * @example
 * ```ts
 * defaultAccelerator; // undefined in browser bundles
 * ```
 */
export const defaultAccelerator: CpuAccelerator | undefined = undefined;
