import type { DType, GeluApproximate, View } from '@torchlet/tensor';
import { geluBody } from '../codegen/gelu-body';
import type { GpuBuffer } from '../gpu-buffer';
import { elementwisePlan } from './elementwise-plan';
import type { KernelPlan } from './kernel-plan';

/**
 * Plans the fused GELU: one elementwise kernel (exact with erf, or the tanh approximation).
 *
 * @example
 * ```ts
 * const plan = geluPlan(x, 'none', 'float32');
 * ```
 */
export function geluPlan(
  x: View<GpuBuffer>,
  approximate: GeluApproximate,
  dtype: DType,
): KernelPlan {
  return elementwisePlan(`gelu:${approximate}`, dtype, [x], ([v]) => geluBody(v, approximate, 't'));
}
