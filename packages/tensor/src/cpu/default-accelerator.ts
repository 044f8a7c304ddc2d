import type { CpuAccelerator } from './cpu-accelerator';
import { cpuWasm } from './wasm/cpu-wasm';

/**
 * What speeds up the default CPU backend in this build. This file is the Node build's (and the
 * workspace's: vitest, tsx): the WebAssembly SIMD kernels with worker threads. Browser bundles
 * resolve `default-accelerator.browser.ts` instead (tsup's default-condition build, see
 * scripts/browser-variants.mjs), which wires in nothing, so an app that does not import
 * `@torchlet/tensor/cpu-wasm` carries no WebAssembly and no worker code.
 *
 * @example
 * ```ts
 * defaultAccelerator?.matmul(a, b) ?? matmulKernel(a, b, 'float32');
 * ```
 */
export const defaultAccelerator: CpuAccelerator | undefined = cpuWasm;
