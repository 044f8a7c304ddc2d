import { cat, stack, type Tensor } from '@torchlet/tensor';
import { expectRecord } from '../check-param-record';
import { clipCoefficient } from '../clip-coefficient';
import { mapParams } from '../map-params';
import type { GradientTransform, Params } from '../types';

/** The norm measured by the last update, before clipping. */
export interface ClipByGlobalNormState {
  /** The global norm of the last update's gradients, before clipping (0 before any). */
  norm: number;
}

/** The global norm of a set of tensors (the norm of their norms), as PyTorch computes it. */
export function globalNorm(tensors: readonly Tensor[], normType = 2): number {
  if (tensors.length === 0) return 0;
  if (normType === Infinity) return Math.max(...tensors.map((t) => t.abs().amax().item()));
  // One flat vector and one norm: 4 kernels, where a norm per tensor takes 3 each. Equal to
  // PyTorch's norm of the per-tensor norms up to float32 rounding.
  if (tensors.every((t) => t.dtype === tensors[0].dtype)) {
    return cat(tensors.map((t) => t.reshape([-1])))
      .norm(normType)
      .item();
  }
  return stack(tensors.map((t) => t.norm(normType).to('float64')))
    .norm(normType)
    .item();
}

/**
 * Scales all updates down together when their global norm exceeds `maxNorm`, by
 * `maxNorm / (norm + 1e-6)` as `torch.nn.utils.clip_grad_norm_` does (an inf norm zeroes the
 * updates, a NaN norm makes them NaN, as there).
 *
 * @example
 * ```ts
 * chain(clipByGlobalNorm(1.0), scaleByAdam(), scaleByLearningRate(3e-4));
 * ```
 */
export function clipByGlobalNorm(
  maxNorm: number,
  normType = 2,
): GradientTransform<ClipByGlobalNormState, 'clipByGlobalNorm'> {
  return {
    name: 'clipByGlobalNorm',
    init: () => ({ norm: 0 }),
    update(grads) {
      const norm = globalNorm(Object.values(grads), normType);
      const coefficient = clipCoefficient(maxNorm, norm, Object.values(grads));
      const updates: Params =
        coefficient !== 1 ? mapParams(grads, (g) => g.mul(coefficient)) : grads;
      return { updates, state: { norm } };
    },
    checkState(state, _params, path) {
      const record = expectRecord(state, path, ['norm']);
      if (typeof record.norm !== 'number')
        throw new Error(`${path}.norm should be a number, got ${typeof record.norm}`);
    },
  };
}
