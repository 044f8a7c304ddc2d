import type { DType, GeluApproximate, View } from '@torchlet/tensor';
import { geluDerivativeBody } from '../codegen/gelu-derivative-body';
import type { GpuBuffer } from '../gpu-buffer';
import { elementwisePlan } from './elementwise-plan';
import type { KernelPlan } from './kernel-plan';

/**
 * Plans GELU's backward, `grad · gelu'(x)`, as one elementwise kernel over `grad` and `x`.
 *
 * @example
 * ```ts
 * const plan = geluBackwardPlan(grad, x, 'tanh', 'float32');
 * ```
 */
export function geluBackwardPlan(
  grad: View<GpuBuffer>,
  x: View<GpuBuffer>,
  approximate: GeluApproximate,
  dtype: DType,
): KernelPlan {
  return elementwisePlan(`geluBackward:${approximate}`, dtype, [grad, x], ([g, v]) => {
    const d = geluDerivativeBody(v, approximate, 't');
    return { lines: d.lines, expr: `(${g} * ${d.expr})` };
  });
}
