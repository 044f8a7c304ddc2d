export { gpujs, type GpuJsOptions } from './gpujs';
export { GpuJsBackend } from './gpujs-backend';
export { GpuBuffer, type BufferCell, type DeviceData } from './gpu-buffer';
export type { GpuJsMode } from './gpujs-mode';
export type { DeviceMode } from './device-mode';
export { modeFallbacks } from './mode-fallbacks';
export { float32DeviceExclusions, type Float32DeviceExclusion } from './float32-device-exclusions';
