import { noGrad } from '@torchlet/autograd';
import type { Tensor } from '@torchlet/tensor';
import { globalNorm } from './transforms/clip-by-global-norm';

/**
 * Scales the gradients of `params` in place so that their global norm is at most `maxNorm`, and
 * returns the norm before clipping, like `torch.nn.utils.clip_grad_norm_` (coefficient
 * `maxNorm / (norm + 1e-6)`, applied only when it is below 1). Parameters without a gradient
 * are skipped.
 *
 * @example
 * ```ts
 * loss.backward();
 * const norm = clipGradNorm(model.parameters(), 1.0);
 * opt.step();
 * ```
 */
export function clipGradNorm(params: Iterable<Tensor>, maxNorm: number, normType = 2): number {
  if (!(maxNorm >= 0)) throw new RangeError(`clipGradNorm: maxNorm must be >= 0, got ${maxNorm}`);
  const withGrad = [...params].filter((p) => p.grad !== null);
  const norm = noGrad(() =>
    globalNorm(
      withGrad.map((p) => p.grad!),
      normType,
    ),
  );
  if (!Number.isFinite(norm)) return norm;
  const coefficient = maxNorm / (norm + 1e-6);
  if (coefficient < 1) noGrad(() => withGrad.forEach((p) => (p.grad = p.grad!.mul(coefficient))));
  return norm;
}

/**
 * Clamps every gradient element of `params` to `[-clipValue, clipValue]` in place, like
 * `torch.nn.utils.clip_grad_value_`. Parameters without a gradient are skipped.
 *
 * @example
 * ```ts
 * clipGradValue(model.parameters(), 0.5);
 * ```
 */
export function clipGradValue(params: Iterable<Tensor>, clipValue: number): void {
  if (!(clipValue >= 0))
    throw new RangeError(`clipGradValue: clipValue must be >= 0, got ${clipValue}`);
  noGrad(() => {
    for (const p of params) if (p.grad !== null) p.grad = p.grad.clamp(-clipValue, clipValue);
  });
}
