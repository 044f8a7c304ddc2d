import type { GpuJsMode } from './gpujs-mode';

/**
 * The gpu.js mode a backend actually runs in: a {@link GpuJsMode} with `'gpu'` resolved to the GL
 * context it found.
 *
 * @example
 * ```ts
 * const backend = await gpujs({ mode: 'gpu' });
 * const mode: DeviceMode = backend.mode; // 'headlessgl', or 'webasm' after a fallback
 * ```
 */
export type DeviceMode = Exclude<GpuJsMode, 'gpu'>;
