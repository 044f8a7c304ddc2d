import { expectTensor, formatShape, sameShape, type Tensor } from '@torchlet/tensor';
import { fusedLayerNorm } from './fused-layer-norm';

/**
 * Layer normalisation over the trailing `normalizedShape` dims, like
 * `torch.nn.functional.layer_norm`: `(x − mean) / √(var + eps) · weight + bias`, with the biased
 * variance. One fused kernel forward and one backward when the backend has them.
 *
 * @example
 * ```ts
 * layerNorm(tensor([[1, 2, 3]]), [3]); // tensor([[-1.2247, 0.0000, 1.2247]])
 * ```
 */
export function layerNorm(
  x: Tensor,
  normalizedShape: number | readonly number[],
  weight: Tensor | null = null,
  bias: Tensor | null = null,
  eps = 1e-5,
  op = 'layerNorm',
): Tensor {
  const shape = typeof normalizedShape === 'number' ? [normalizedShape] : normalizedShape;
  // The name is built only for an error: this runs on every forward.
  const name = () => (op === 'layerNorm' ? op : `${op}(${formatShape(shape)})`);
  expectTensor(op, x, 'input', true);
  const k = shape.length;
  if (k === 0 || x.ndim < k || !sameShape(x.shape.slice(x.ndim - k), shape)) {
    throw new RangeError(
      `${name()}: expected input with shape [*, ${shape.join(', ')}], got ${formatShape(x.shape)}`,
    );
  }
  for (const [label, t] of [
    ['weight', weight],
    ['bias', bias],
  ] as const) {
    if (t === null) continue;
    expectTensor(op, t, label, true);
    if (!sameShape(t.shape, shape)) {
      throw new RangeError(
        `${name()}: ${label} has shape ${formatShape(t.shape)} but the normalized shape is ${formatShape(shape)}`,
      );
    }
  }
  if (!(eps >= 0)) throw new RangeError(`${name()}: eps must be >= 0, got ${eps}`);
  return fusedLayerNorm(x, k, weight, bias, eps);
}
