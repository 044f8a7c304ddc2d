import { formatShape, ones, zeros, type DType, type Tensor } from '@torchlet/tensor';
import { Module } from './module';
import { pythonFloat } from './python-float';
import { Parameter } from './parameter';

/** Options of {@link LayerNorm}. */
export interface LayerNormOptions {
  /** Added to the variance for stability. Default 1e-5. */
  eps?: number;
  /** Learn a per-element scale and shift (default true). */
  elementwiseAffine?: boolean;
  /** With elementwiseAffine: learn the shift too (default true). */
  bias?: boolean;
  dtype?: DType;
}

/** Normalises the trailing `shape` dims of `x` (biased variance, as PyTorch). @internal */
export function normalizeTrailing(
  op: string,
  x: Tensor,
  shape: readonly number[],
  eps: number,
): Tensor {
  const k = shape.length;
  const trailing = x.shape.slice(x.ndim - k);
  if (x.ndim < k || formatShape(trailing) !== formatShape(shape)) {
    throw new RangeError(
      `${op}: expected input with shape [*, ${shape.join(', ')}], got ${formatShape(x.shape)}`,
    );
  }
  const dims = Array.from({ length: k }, (_, i) => x.ndim - k + i);
  const mean = x.mean(dims, true);
  const centered = x.sub(mean);
  const variance = centered.mul(centered).mean(dims, true);
  return centered.mul(variance.add(eps).rsqrt());
}

/**
 * Layer normalisation over the trailing dims, like `torch.nn.LayerNorm`:
 * `(x - mean) / sqrt(var + eps) * weight + bias`, with the biased variance.
 *
 * @example
 * ```ts
 * const ln = new LayerNorm(64);
 * ln.forward(randn([8, 64])).mean(-1); // ≈ 0 for every row
 * ```
 */
export class LayerNorm extends Module {
  readonly normalizedShape: number[];
  readonly eps: number;
  weight: Parameter | null;
  bias: Parameter | null;

  constructor(normalizedShape: number | readonly number[], options: LayerNormOptions = {}) {
    super();
    const { eps = 1e-5, elementwiseAffine = true, bias = true, dtype = 'float32' } = options;
    this.normalizedShape =
      typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
    this.eps = eps;
    this.weight = elementwiseAffine ? new Parameter(ones(this.normalizedShape, { dtype })) : null;
    this.bias =
      elementwiseAffine && bias ? new Parameter(zeros(this.normalizedShape, { dtype })) : null;
  }

  forward(x: Tensor): Tensor {
    let y = normalizeTrailing(
      `LayerNorm(${formatShape(this.normalizedShape)})`,
      x,
      this.normalizedShape,
      this.eps,
    );
    if (this.weight !== null) y = y.mul(this.weight);
    if (this.bias !== null) y = y.add(this.bias);
    return y;
  }

  override extraRepr(): string {
    return `(${this.normalizedShape.join(', ')},), eps=${pythonFloat(this.eps)}, elementwise_affine=${this.weight !== null ? 'True' : 'False'}`;
  }
}
