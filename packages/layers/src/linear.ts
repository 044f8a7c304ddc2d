import { empty } from './empty';
import { formatShape, type DType, type Tensor, checkOptions } from '@torchlet/tensor';
import { checkChoice } from './check-choice';
import { calculateFanInAndFanOut } from './init/fan';
import { uniform_ } from './init/fill';
import { kaimingUniform_ } from './init/kaiming-uniform';
import { Module } from './module';
import { Parameter } from './parameter';

const FLOAT_DTYPES = ['float32', 'float64'] as const;

/** Options of {@link Linear}. */
export interface LinearOptions {
  /** Learn an additive bias (default true). */
  bias?: boolean;
  /** `'float32'` (default) or `'float64'`. */
  dtype?: DType;
}

/**
 * `y = x Wᵀ + b`, like `torch.nn.Linear`: weight `[out, in]`, bias `[out]`, PyTorch's default
 * initialisation (Kaiming-uniform with a = √5, bias U(±1/√in)) drawn from the same generator, so
 * `manualSeed(s)` gives PyTorch's weights. Accepts any number of leading batch dims.
 *
 * @example
 * ```ts
 * const fc = new Linear(4, 64);
 * fc.forward(randn([8, 4])).shape; // [8, 64]
 * ```
 */
export class Linear extends Module {
  /** The weight, `[outFeatures, inFeatures]`. */
  weight: Parameter;
  /** The bias, `[outFeatures]`, or null with `{ bias: false }`. */
  bias: Parameter | null;

  /**
   * @param inFeatures - The size of each input's last dim.
   * @param outFeatures - The size of each output's last dim.
   * @param options - `{ bias, dtype }`.
   */
  constructor(
    /** The size of each input's last dim. */
    readonly inFeatures: number,
    /** The size of each output's last dim. */
    readonly outFeatures: number,
    options: LinearOptions = {},
  ) {
    super();
    checkOptions('Linear', options, ['bias', 'dtype']);
    const bias = checkChoice('Linear', 'bias', options.bias ?? true, [true, false]);
    const dtype = checkChoice('Linear', 'dtype', options.dtype ?? 'float32', FLOAT_DTYPES);
    for (const [name, v] of [
      ['inFeatures', inFeatures],
      ['outFeatures', outFeatures],
    ] as const) {
      if (!Number.isInteger(v) || v < 0)
        throw new RangeError(`Linear: ${name} must be a non-negative integer, got ${v}`);
    }
    this.weight = new Parameter(empty([outFeatures, inFeatures], dtype));
    this.bias = bias ? new Parameter(empty([outFeatures], dtype)) : null;
    this.resetParameters();
  }

  /** Draws fresh weights with PyTorch's default scheme. */
  resetParameters(): void {
    kaimingUniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias !== null) {
      const [fanIn] = calculateFanInAndFanOut(this.weight);
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      uniform_(this.bias, -bound, bound);
    }
  }

  forward(x: Tensor): Tensor {
    if (x.ndim === 0 || x.shape[x.ndim - 1] !== this.inFeatures) {
      throw new RangeError(
        `Linear(${this.inFeatures}→${this.outFeatures}): expected input [..., ${this.inFeatures}], got ${formatShape(x.shape)}`,
      );
    }
    // One 2-D product over all leading dims (a view when x is contiguous), not a batch of them.
    const lead = x.shape.slice(0, -1);
    const y = x.reshape([-1, this.inFeatures]).matmul(this.weight.T);
    if (this.bias === null) return y.reshape([...lead, this.outFeatures]);
    const out = y.add(this.bias);
    // No graph node keeps the product (add saves nothing), and nothing else can reach it: free
    // its buffer now rather than when the garbage collector gets to it (device memory).
    y.dispose();
    return out.reshape([...lead, this.outFeatures]);
  }

  override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${this.bias !== null ? 'True' : 'False'}`;
  }
}
