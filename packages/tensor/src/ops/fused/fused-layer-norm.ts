import { record } from '../../gradient-engine';
import { formatShape, numel, sameShape } from '../../shape';
import type { Tensor } from '../../tensor';
import { expectTensor, fromBuffer } from '../operand';
import { dense } from './dense';
import { layerNormStats } from './layer-norm-stats';
import { rowsView } from './rows-view';

/**
 * Layer norm over the trailing `normalizedNdim` dims of `x`, then `· weight + bias` (each of the
 * normalized shape, or null). One fused kernel when the backend has it (recorded as the
 * `layerNorm` primitive, with a one-kernel backward), else the composition of mean, variance
 * and elementwise ops. The variance is biased, as in `torch.nn.LayerNorm`. `@torchlet/layers`'
 * `LayerNorm` calls it after checking the shapes.
 *
 * @example
 * ```ts
 * fusedLayerNorm(tensor([[1, 2, 3]]), 1, null, null, 1e-5); // tensor([[-1.2247, 0.0000, 1.2247]])
 * ```
 */
export function fusedLayerNorm(
  x: Tensor,
  normalizedNdim: number,
  weight: Tensor | null,
  bias: Tensor | null,
  eps: number,
): Tensor {
  expectTensor('layerNorm', x, 'input', true);
  const normalized = x.shape.slice(x.ndim - normalizedNdim);
  for (const [name, t] of [
    ['weight', weight],
    ['bias', bias],
  ] as const) {
    if (t !== null && !sameShape(t.shape, normalized)) {
      throw new RangeError(
        `layerNorm: ${name} has shape ${formatShape(t.shape)} but the normalized shape is ${formatShape(normalized)}`,
      );
    }
  }
  const kernel = x.backend.fused?.layerNorm;
  const cols = numel(normalized);
  if (kernel === undefined || x.numel() === 0) {
    return composedLayerNorm(x, normalizedNdim, weight, bias, eps);
  }
  const w = weight === null ? null : rowsView(dense(weight), cols);
  const b = bias === null ? null : rowsView(dense(bias), cols);
  const r = kernel(rowsView(dense(x), cols), w, b, eps, x.dtype);
  const rows = x.numel() / cols;
  const out = fromBuffer(x, r.output, x.shape, x.dtype);
  const inputs = [x];
  if (weight !== null) inputs.push(weight);
  if (bias !== null) inputs.push(bias);
  return record('layerNorm', inputs, out, {
    eps,
    normalizedNdim,
    affine: { weight: weight !== null, bias: bias !== null },
    mean: fromBuffer(x, r.mean, [rows], x.dtype),
    rstd: fromBuffer(x, r.rstd, [rows], x.dtype),
  });
}

/** `(x − mean) / √(var + eps) · weight + bias` from primitives. */
function composedLayerNorm(
  x: Tensor,
  normalizedNdim: number,
  weight: Tensor | null,
  bias: Tensor | null,
  eps: number,
): Tensor {
  const { centered, rstd } = layerNormStats(x, normalizedNdim, eps);
  let y = centered.mul(rstd);
  if (weight !== null) y = y.mul(weight);
  if (bias !== null) y = y.add(bias);
  return y;
}
