import type { GpuJsMode } from './gpujs-mode';

/**
 * The modes tried, in order, for a requested mode: the mode itself, then `'webasm'`, then
 * `'cpu'`, the one that always works. `'webgpu'` is never among them (its Dawn binding does not
 * load everywhere, and its kernels are asynchronous).
 *
 * @example
 * ```ts
 * modeFallbacks('gpu'); // ['gpu', 'webasm', 'cpu']
 * ```
 */
export function modeFallbacks(requested: GpuJsMode): GpuJsMode[] {
  const chain: GpuJsMode[] = [requested, 'webasm', 'cpu'];
  return chain.filter((m, i) => chain.indexOf(m) === i);
}
