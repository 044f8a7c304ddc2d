import type { Tensor } from '@torchlet/tensor';

/**
 * Layer norm's statistics from tensor ops, so they are differentiable: the normalized dims (the
 * trailing `normalizedNdim`), `x − mean` and `1/√(var + eps)` (biased variance, kept dims).
 * The composed forward and the composed backward of {@link fusedLayerNorm} both start here.
 *
 * @example
 * ```ts
 * const { centered, rstd } = layerNormStats(x, 1, 1e-5); // x̂ = centered · rstd
 * ```
 */
export function layerNormStats(x: Tensor, normalizedNdim: number, eps: number) {
  const dims = Array.from({ length: normalizedNdim }, (_, i) => x.ndim - normalizedNdim + i);
  const centered = x.sub(x.mean(dims, true));
  const rstd = centered.mul(centered).mean(dims, true).add(eps).rsqrt();
  return { dims, centered, rstd };
}
