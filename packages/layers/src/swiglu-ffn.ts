import { checkOptions } from '@torchlet/tensor';
import { silu } from '@torchlet/activations';
import type { DType, Tensor } from '@torchlet/tensor';
import { Linear } from './linear';
import { Module } from './module';

/**
 * The SwiGLU feed-forward block of LLaMA-style transformers: `w2(silu(w1 x) * w3 x)` with three
 * bias-free linear maps. The usual hidden size is `Math.trunc(2 / 3 * 4 * dim)`.
 *
 * @example
 * ```ts
 * const ffn = new SwiGLUFFN(512, Math.trunc((2 / 3) * 4 * 512)); // hidden 1365
 * ffn.forward(randn([8, 32, 512])).shape; // [8, 32, 512]
 * ```
 */
export class SwiGLUFFN extends Module {
  /** The gate's projection, `dim → hiddenDim` (through SiLU). */
  w1: Linear;
  /** The output projection, `hiddenDim → dim`. */
  w2: Linear;
  /** The value's projection, `dim → hiddenDim`. */
  w3: Linear;

  /**
   * @param dim - The model width (input and output size).
   * @param hiddenDim - The hidden width.
   * @param options - `{ dtype }`: `'float32'` (default) or `'float64'`.
   */
  constructor(
    /** The model width (input and output size). */
    readonly dim: number,
    /** The hidden width. */
    readonly hiddenDim: number,
    options: { dtype?: DType } = {},
  ) {
    super();
    // Checked here, or Linear would report SwiGLUFFN's misspelled key as its own.
    checkOptions('SwiGLUFFN', options, ['dtype']);
    this.w1 = new Linear(dim, hiddenDim, { bias: false, ...options });
    this.w2 = new Linear(hiddenDim, dim, { bias: false, ...options });
    this.w3 = new Linear(dim, hiddenDim, { bias: false, ...options });
  }

  forward(x: Tensor): Tensor {
    return this.w2.forward(silu(this.w1.forward(x)).mul(this.w3.forward(x)));
  }
}
