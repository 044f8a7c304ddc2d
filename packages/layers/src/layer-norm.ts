import { ones, zeros, type DType, type Tensor, checkOptions } from '@torchlet/tensor';
import { checkChoice } from './check-choice';
import { checkEps } from './check-eps';
import { layerNorm } from './layer-norm-function';
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
  /** `'float32'` (default) or `'float64'`. */
  dtype?: DType;
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
  /** The trailing dims normalised over, e.g. `[hidden]`. */
  readonly normalizedShape: number[];
  /** Added to the variance for stability. */
  readonly eps: number;
  /**
   * The learned scale, of `normalizedShape` (starts at ones), or null without elementwiseAffine.
   */
  weight: Parameter | null;
  /** The learned shift, of `normalizedShape` (starts at zeros), or null without one. */
  bias: Parameter | null;

  constructor(normalizedShape: number | readonly number[], options: LayerNormOptions = {}) {
    super();
    const op = 'LayerNorm';
    checkOptions(op, options, ['eps', 'elementwiseAffine', 'bias', 'dtype']);
    const eps = checkEps(op, options.eps ?? 1e-5);
    const elementwiseAffine = checkChoice(
      op,
      'elementwiseAffine',
      options.elementwiseAffine ?? true,
      [true, false],
    );
    const bias = checkChoice(op, 'bias', options.bias ?? true, [true, false]);
    const dtype = checkChoice(op, 'dtype', options.dtype ?? 'float32', ['float32', 'float64']);
    this.normalizedShape =
      typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
    this.eps = eps;
    this.weight = elementwiseAffine ? new Parameter(ones(this.normalizedShape, { dtype })) : null;
    this.bias =
      elementwiseAffine && bias ? new Parameter(zeros(this.normalizedShape, { dtype })) : null;
  }

  forward(x: Tensor): Tensor {
    return layerNorm(x, this.normalizedShape, this.weight, this.bias, this.eps, 'LayerNorm');
  }

  override extraRepr(): string {
    return `(${this.normalizedShape.join(', ')},), eps=${pythonFloat(this.eps)}, elementwise_affine=${this.weight !== null ? 'True' : 'False'}`;
  }
}
