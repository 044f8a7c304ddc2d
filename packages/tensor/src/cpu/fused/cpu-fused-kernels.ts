import type { FusedKernels } from '../../backend';
import type { TypedArray } from '../../dtype';
import { adamStepKernel } from './adam-step-kernel';
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
};
