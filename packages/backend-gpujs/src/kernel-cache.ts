import type { IKernelRunShortcut } from 'gpu.js';
import type { KernelPlan } from './kernels/kernel-plan';

/**
 * Compiled gpu.js kernels by plan key (op, dtypes, shapes, strides). A plan's source is built and
 * compiled on its first launch only; every later launch with the same key reuses the kernel, so
 * a training loop compiles during its first step and never again.
 *
 * @example
 * ```ts
 * const cache = new KernelCache((source) => gpu.createKernel(source, settings));
 * const kernel = cache.get(plan, plan.size);
 * ```
 */
export class KernelCache {
  private readonly kernels = new Map<string, IKernelRunShortcut>();
  /** How many kernels were compiled (cache misses). */
  compiled = 0;

  constructor(private readonly compile: (source: string, size: number) => IKernelRunShortcut) {}

  /** The kernel of `plan`, compiled now if no plan with its key was seen before. */
  get(plan: KernelPlan): IKernelRunShortcut {
    const key = `${plan.key}#${plan.size}`;
    let kernel = this.kernels.get(key);
    if (kernel === undefined) {
      kernel = this.compile(plan.source(), plan.size);
      this.kernels.set(key, kernel);
      this.compiled++;
    }
    return kernel;
  }

  /** Number of distinct kernels held. */
  get size(): number {
    return this.kernels.size;
  }

  /** Destroys every kernel (their programs and output textures). */
  clear(): void {
    for (const kernel of this.kernels.values()) kernel.destroy();
    this.kernels.clear();
  }
}
