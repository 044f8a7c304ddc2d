import type { Tensor } from '@torchlet/tensor';

/**
 * The factor `torch.nn.utils.clip_grad_norm_` multiplies gradients by: `maxNorm / (norm + 1e-6)`
 * clamped to at most 1, in the norm's dtype (float64 if any gradient is, else float32) and
 * PyTorch's order of operations (its scalar division is a reciprocal times `maxNorm`), so
 * results match it to the bit. A non-finite norm is not special: an inf norm gives 0 (inf
 * gradients then become NaN), a NaN norm gives NaN.
 *
 * @example
 * ```ts
 * clipCoefficient(1, 5, grads); // 0.19999996 for float32 grads
 * clipCoefficient(1, Infinity, grads); // 0
 * ```
 */
export function clipCoefficient(maxNorm: number, norm: number, grads: readonly Tensor[]): number {
  const float32 = grads.every((g) => g.dtype !== 'float64');
  const round = float32 ? Math.fround : (x: number) => x;
  const coefficient = round(round(1 / round(norm + round(1e-6))) * round(maxNorm));
  // torch.clamp(max=1) keeps a NaN coefficient NaN (Math.min would too); `>` says so plainly.
  return coefficient > 1 ? 1 : coefficient;
}
