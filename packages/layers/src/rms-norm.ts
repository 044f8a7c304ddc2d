import { formatShape, ones, type DType, type Tensor, checkOptions } from '@torchlet/tensor';
import { checkChoice } from './check-choice';
import { checkEps } from './check-eps';
import { Module } from './module';
import { pythonFloat } from './python-float';
import { Parameter } from './parameter';

/** Options of {@link RMSNorm}. */
export interface RMSNormOptions {
  /** Added to the mean square. Default: the dtype's machine epsilon, as PyTorch's `eps=None`. */
  eps?: number;
  /** Learn a per-element scale (default true). */
  elementwiseAffine?: boolean;
  /** `'float32'` (default) or `'float64'`. */
  dtype?: DType;
}

const MACHINE_EPSILON = { float32: 2 ** -23, float64: 2 ** -52 } as const;

/**
 * Root-mean-square normalisation over the trailing dims, like `torch.nn.RMSNorm` (PyTorch 2.4):
 * `x / sqrt(mean(x²) + eps) * weight`.
 *
 * @example
 * ```ts
 * new RMSNorm(512).forward(randn([8, 32, 512])).shape; // [8, 32, 512]
 * ```
 */
export class RMSNorm extends Module {
  /** The trailing dims normalised over, e.g. `[hidden]`. */
  readonly normalizedShape: number[];
  /** Added to the mean square; undefined for the input dtype's machine epsilon. */
  readonly eps: number | undefined;
  /**
   * The learned scale, of `normalizedShape` (starts at ones), or null without elementwiseAffine.
   */
  weight: Parameter | null;

  constructor(normalizedShape: number | readonly number[], options: RMSNormOptions = {}) {
    super();
    const op = 'RMSNorm';
    checkOptions(op, options, ['eps', 'elementwiseAffine', 'dtype']);
    const eps = options.eps === undefined ? undefined : checkEps(op, options.eps);
    const elementwiseAffine = checkChoice(
      op,
      'elementwiseAffine',
      options.elementwiseAffine ?? true,
      [true, false],
    );
    const dtype = checkChoice(op, 'dtype', options.dtype ?? 'float32', ['float32', 'float64']);
    this.normalizedShape =
      typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
    this.eps = eps;
    this.weight = elementwiseAffine ? new Parameter(ones(this.normalizedShape, { dtype })) : null;
  }

  forward(x: Tensor): Tensor {
    const k = this.normalizedShape.length;
    if (
      x.ndim < k ||
      formatShape(x.shape.slice(x.ndim - k)) !== formatShape(this.normalizedShape)
    ) {
      throw new RangeError(
        `RMSNorm(${formatShape(this.normalizedShape)}): expected input with shape [*, ${this.normalizedShape.join(', ')}], got ${formatShape(x.shape)}`,
      );
    }
    const dims = Array.from({ length: k }, (_, i) => x.ndim - k + i);
    const eps =
      this.eps ?? (x.dtype === 'float64' ? MACHINE_EPSILON.float64 : MACHINE_EPSILON.float32);
    const y = x.mul(x.mul(x).mean(dims, true).add(eps).rsqrt());
    return this.weight === null ? y : y.mul(this.weight);
  }

  override extraRepr(): string {
    return `(${this.normalizedShape.join(', ')},), eps=${this.eps === undefined ? 'None' : pythonFloat(this.eps)}, elementwise_affine=${this.weight !== null ? 'True' : 'False'}`;
  }
}
