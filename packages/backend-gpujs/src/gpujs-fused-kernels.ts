import type { FusedKernels } from '@torchlet/tensor';
import type { GpuBuffer } from './gpu-buffer';
import { adamStepPlans } from './kernels/adam-step-plans';
import { geluBackwardPlan } from './kernels/gelu-backward-plan';
import { geluPlan } from './kernels/gelu-plan';
import type { KernelPlan } from './kernels/kernel-plan';
import { layerNormBackwardPlans } from './kernels/layer-norm-backward-plans';
import { layerNormPlans } from './kernels/layer-norm-plans';
import { softmaxBackwardPlan } from './kernels/softmax-backward-plan';
import { softmaxPlan } from './kernels/softmax-plan';

/**
 * The gpu.js backend's fused kernels (all of the Backend spec's), each made of kernel plans run
 * by `launch`. A gpu.js kernel writes one output array, so the kernels with several results
 * launch one plan per result: layer norm three (output, mean, rstd), its backward three, and
 * the Adam step three, which write new buffers and leave the caller's to be freed by the caller.
 * The functions do not use `this`: ops call them detached (`backend.fused?.gelu`).
 *
 * @example
 * ```ts
 * const fused = gpujsFusedKernels((plan) => backend.launch(plan));
 * const y = fused.gelu(x, 'none', 'float32');
 * ```
 */
export function gpujsFusedKernels(
  launch: (plan: KernelPlan) => GpuBuffer,
): FusedKernels<GpuBuffer> {
  return {
    gelu: (x, approximate, dtype) => launch(geluPlan(x, approximate, dtype)),
    geluBackward: (grad, x, approximate, dtype) =>
      launch(geluBackwardPlan(grad, x, approximate, dtype)),
    softmax: (x, log, dtype) => launch(softmaxPlan(x, log, dtype)),
    softmaxBackward: (grad, output, log, dtype) =>
      launch(softmaxBackwardPlan(grad, output, log, dtype)),
    layerNorm: (x, weight, bias, eps, dtype) => {
      const plans = layerNormPlans(x, weight, bias, eps, dtype);
      return { output: launch(plans.output), mean: launch(plans.mean), rstd: launch(plans.rstd) };
    },
    layerNormBackward: (grad, x, mean, rstd, weight, dtype) => {
      const plans = layerNormBackwardPlans(grad, x, mean, rstd, weight, dtype);
      return {
        gradInput: launch(plans.gradInput),
        gradWeight: launch(plans.gradWeight),
        gradBias: launch(plans.gradBias),
      };
    },
    adamStep: (param, grad, expAvg, expAvgSq, options, dtype) => {
      const plans = adamStepPlans(param, grad, expAvg, expAvgSq, options, dtype);
      return {
        param: launch(plans.param),
        expAvg: launch(plans.expAvg),
        expAvgSq: launch(plans.expAvgSq),
      };
    },
  };
}
