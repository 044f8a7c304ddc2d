import { defaultGenerator } from '../random/default-generator';
import { fillExponential } from '../random/fill-exponential';
import { numel } from '../shape';
import type { Tensor } from '../tensor';
import { makeTensor } from './make-tensor';
import type { RandomOptions } from './random';

/**
 * Samples from Exp(`lambd`) drawn exactly as PyTorch 1.13's CPU `exponential_(lambd)` draws them
 * (see {@link fillExponential}), as a new contiguous float32 or float64 tensor.
 *
 * @example
 * ```ts
 * manualSeed(0);
 * exponentialTensor([3], 1); // torch.manual_seed(0); torch.empty(3).exponential_()
 * ```
 */
export function exponentialTensor(
  shape: readonly number[],
  lambd: number,
  options: RandomOptions = {},
): Tensor {
  const dtype = options.dtype ?? 'float32';
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new TypeError(
      `exponential_: expected a floating point tensor, got ${dtype}; exponential samples ` +
        'are fractional, so convert it with .float() first',
    );
  }
  const values =
    dtype === 'float64' ? new Float64Array(numel(shape)) : new Float32Array(numel(shape));
  fillExponential(options.generator ?? defaultGenerator, values, lambd);
  return makeTensor('exponential_', values, shape, dtype, options);
}
