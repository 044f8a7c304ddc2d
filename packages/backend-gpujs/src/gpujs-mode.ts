/**
 * The gpu.js modes this backend runs in. `'gpu'` takes the best GL context (headless-gl in Node,
 * WebGL2 then WebGL in a browser). `'webgpu'`, `'async'` and `'dev'` are left out: their kernels
 * return Promises or skip compilation, while the Backend spec is synchronous.
 *
 * @example
 * ```ts
 * const mode: GpuJsMode = 'webasm';
 * ```
 */
export type GpuJsMode = 'gpu' | 'headlessgl' | 'webgl2' | 'webgl' | 'webasm' | 'cpu';
