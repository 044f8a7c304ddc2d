import type { PrimitiveAttrs } from '../../primitives';
import { wouldRecord } from '../../gradient-engine';
import { numel } from '../../shape';
import type { Tensor } from '../../tensor';
import { fromBuffer } from '../operand';
import { dense } from './dense';
import { layerNormStats } from './layer-norm-stats';
import { rowsView } from './rows-view';

/**
 * The gradient rule of the `layerNorm` primitive: the gradients of `x`, `weight` and `bias`
 * (null for those not given). One fused kernel, unless the backward is being recorded
 * (`createGraph`) or the backend lacks it: then a differentiable composition that recomputes
 * the statistics from `x`.
 *
 * @example
 * ```ts
 * const [gx, gw, gb] = fusedLayerNormBackward(grad, x, weight, bias, attrs);
 * ```
 */
export function fusedLayerNormBackward(
  grad: Tensor,
  x: Tensor,
  weight: Tensor | null,
  attrs: PrimitiveAttrs['layerNorm'],
): [Tensor, Tensor | null, Tensor | null] {
  const k = attrs.normalizedNdim;
  const normalized = x.shape.slice(x.ndim - k);
  const leading = Array.from({ length: x.ndim - k }, (_, i) => i);
  const kernel = x.backend.fused?.layerNormBackward;
  if (kernel === undefined || wouldRecord(grad, x, weight)) {
    const { dims, centered, rstd } = layerNormStats(x, k, attrs.eps);
    const xhat = centered.mul(rstd);
    const gh = weight === null ? grad : grad.mul(weight);
    const gx = rstd.mul(gh.sub(gh.mean(dims, true)).sub(xhat.mul(gh.mul(xhat).mean(dims, true))));
    // An empty dim list would mean "every dim" to sum.
    const sumRows = (t: Tensor) => (leading.length === 0 ? t : t.sum(leading));
    const gw = attrs.affine.weight ? sumRows(grad.mul(xhat)) : null;
    const gb = attrs.affine.bias ? sumRows(grad) : null;
    return [gx, gw, gb];
  }
  const cols = numel(normalized);
  const r = kernel(
    rowsView(dense(grad), cols),
    rowsView(dense(x), cols),
    rowsView(attrs.mean, 1),
    rowsView(attrs.rstd, 1),
    weight === null ? null : rowsView(dense(weight), cols),
    x.dtype,
  );
  return [
    fromBuffer(x, r.gradInput, x.shape, x.dtype),
    attrs.affine.weight ? fromBuffer(x, r.gradWeight, normalized, x.dtype) : null,
    attrs.affine.bias ? fromBuffer(x, r.gradBias, normalized, x.dtype) : null,
  ];
}
