import { bernoulli, type Generator, type Tensor } from '@torchlet/tensor';
import { Module } from './module';
import { pythonFloat } from './python-float';

/**
 * Zeroes each element with probability `p` in training mode and scales the rest by `1/(1-p)`;
 * the identity in eval mode. The mask comes from the seeded generator, drawn as PyTorch draws
 * it, so `manualSeed` reproduces PyTorch's dropout.
 *
 * @example
 * ```ts
 * const drop = new Dropout(0.1);
 * drop.eval().forward(x); // x itself
 * ```
 */
export class Dropout extends Module {
  /**
   * @param p - The probability of zeroing an element, in [0, 1] (default 0.5).
   * @param generator - Draw the masks from this generator instead of the default one.
   */
  constructor(
    /** The probability of zeroing an element, in [0, 1]. */
    readonly p = 0.5,
    private readonly generator?: Generator,
  ) {
    super();
    if (!(p >= 0 && p <= 1)) {
      throw new RangeError(`Dropout: dropout probability has to be between 0 and 1, but got ${p}`);
    }
  }

  forward(x: Tensor): Tensor {
    if (!this.training || this.p === 0) return x;
    if (this.p === 1) return x.mul(0);
    const dtype = x.dtype === 'float64' ? 'float64' : 'float32';
    const mask = bernoulli([...x.shape], 1 - this.p, {
      dtype,
      backend: x.backend,
      generator: this.generator,
    });
    return x.mul(mask.div(1 - this.p));
  }

  override extraRepr(): string {
    return `p=${pythonFloat(this.p)}, inplace=False`;
  }
}
