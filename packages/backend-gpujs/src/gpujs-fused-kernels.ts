import type { FusedKernels } from '@torchlet/tensor';
import type { GpuBuffer } from './gpu-buffer';
import { adamStepPlans } from './kernels/adam-step-plans';
import { attentionBackwardPlans } from './kernels/attention-backward-plans';
import { attentionPlans } from './kernels/attention-plans';
import { crossEntropyBackwardPlan } from './kernels/cross-entropy-backward-plan';
import { crossEntropyLossPlan, crossEntropyPlans } from './kernels/cross-entropy-plans';
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
 * launch one plan per result: layer norm three (output, mean, rstd), its backward three, the
 * Adam step three, which write new buffers and leave the caller's to be freed by the caller, and
 * cross entropy four (log-sum-exp, per-row losses, their sum, the kept count), whose per-row
 * losses it frees with `free` once summed. Attention runs three kernels forward (log-sum-exp,
 * weights, output) and six backward (row dot, weights, `dV`, score gradient, `dQ`, `dK`),
 * freeing each `[batch, L, S]` intermediate as soon as it is used, so one is alive at a time.
 * The functions do not use `this`: ops call them detached (`backend.fused?.gelu`).
 *
 * @example
 * ```ts
 * const fused = gpujsFusedKernels((plan) => backend.launch(plan), (b) => backend.free(b));
 * const y = fused.gelu(x, 'none', 'float32');
 * ```
 */
export function gpujsFusedKernels(
  launch: (plan: KernelPlan) => GpuBuffer,
  free: (buffer: GpuBuffer) => void,
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
    crossEntropy: (logits, target, ignoreIndex, mean, dtype) => {
      const plans = crossEntropyPlans(logits, target, ignoreIndex, dtype);
      const logSumExp = launch(plans.logSumExp);
      const nll = launch(plans.nll);
      const nllView = { buffer: nll, dtype, shape: [nll.size], strides: [1], offset: 0 };
      const loss = launch(crossEntropyLossPlan(nllView, target, ignoreIndex, mean, dtype));
      free(nll);
      return { loss, count: launch(plans.count), logSumExp };
    },
    crossEntropyBackward: (scale, logits, target, logSumExp, ignoreIndex, dtype) =>
      launch(crossEntropyBackwardPlan(scale, logits, target, logSumExp, ignoreIndex, dtype)),
    adamStep: (param, grad, expAvg, expAvgSq, options, dtype) => {
      const plans = adamStepPlans(param, grad, expAvg, expAvgSq, options, dtype);
      return {
        param: launch(plans.param),
        expAvg: launch(plans.expAvg),
        expAvgSq: launch(plans.expAvgSq),
      };
    },
    attention: (q, k, v, mask, dropout, options, dtype) => {
      const plans = attentionPlans(q, k, v, mask, dropout, options, dtype);
      const logSumExp = launch(plans.logSumExp);
      const weights = launch(plans.weights(logSumExp));
      const output = launch(plans.output(weights));
      free(weights);
      return { output, logSumExp };
    },
    attentionBackward: (grad, q, k, v, output, logSumExp, mask, dropout, options, dtype) => {
      const plans = attentionBackwardPlans(
        grad,
        q,
        k,
        v,
        output,
        logSumExp,
        mask,
        dropout,
        options,
        dtype,
      );
      const weights = launch(plans.weights);
      const gradV = launch(plans.gradV(weights));
      free(weights);
      const rowDot = launch(plans.rowDot);
      const scoreGrad = launch(plans.scoreGrad(rowDot));
      free(rowDot);
      const gradQ = launch(plans.gradQ(scoreGrad));
      const gradK = launch(plans.gradK(scoreGrad));
      free(scoreGrad);
      return { gradQ, gradK, gradV };
    },
  };
}
