import type { FusedKernels } from '../../backend';
import type { TypedArray } from '../../dtype';
import { defaultAccelerator } from '../default-accelerator';
import { adamStepKernel } from './adam-step-kernel';
import { attentionBackwardKernel } from './attention-backward-kernel';
import { attentionKernel } from './attention-kernel';
import { crossEntropyBackwardKernel, crossEntropyKernel } from './cross-entropy-kernels';
import { geluBackwardKernel, geluKernel } from './gelu-kernels';
import { layerNormBackwardKernel, layerNormKernel } from './layer-norm-kernels';
import { softmaxBackwardKernel, softmaxKernel } from './softmax-kernels';

/**
 * The CPU backend's fused kernels: each one a single pass (or two, per row) over typed arrays
 * in place of the several kernels and temporaries of the composed op.
 *
 * @example
 * ```ts
 * cpuBackend.fused?.gelu?.(view, 'none', 'float32');
 * ```
 */
export const cpuFusedKernels: FusedKernels<TypedArray> = {
  gelu: geluKernel,
  geluBackward: geluBackwardKernel,
  softmax: softmaxKernel,
  softmaxBackward: softmaxBackwardKernel,
  layerNorm: layerNormKernel,
  layerNormBackward: layerNormBackwardKernel,
  crossEntropy: crossEntropyKernel,
  crossEntropyBackward: crossEntropyBackwardKernel,
  adamStep: adamStepKernel,
  // The gemms inside attention run on this build's accelerator (WebAssembly SIMD in Node).
  attention: (q, k, v, mask, dropout, options, dtype) =>
    attentionKernel(q, k, v, mask, dropout, options, dtype, defaultAccelerator),
  attentionBackward: (grad, q, k, v, output, lse, mask, dropout, options, dtype) =>
    attentionBackwardKernel(
      grad,
      q,
      k,
      v,
      output,
      lse,
      mask,
      dropout,
      options,
      dtype,
      defaultAccelerator,
    ),
};
