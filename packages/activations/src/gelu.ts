import { expectTensor } from '@torchlet/tensor';
import type { Tensor } from '@torchlet/tensor';

/** Options of {@link gelu}. @example `gelu(x, { approximate: 'tanh' })` */
export interface GeluOptions {
  /**
   * `'none'` (default): the exact `x * Φ(x)` with the error function, as PyTorch's default.
   * `'tanh'`: the tanh approximation used by GPT-2 and BERT ports.
   */
  approximate?: 'none' | 'tanh';
}

// √(2/π), the scale of the tanh approximation.
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/**
 * Gaussian error linear unit, like `torch.nn.functional.gelu`:
 * `0.5 x (1 + erf(x / √2))`, or with `{ approximate: 'tanh' }`
 * `0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³)))`.
 *
 * @example
 * ```ts
 * gelu(tensor([-1, 0, 1]));                        // tensor([-0.1587, 0.0000, 0.8413])
 * gelu(tensor([-1, 0, 1]), { approximate: 'tanh' }); // tensor([-0.1588, 0.0000, 0.8412])
 * ```
 */
export function gelu(x: Tensor, options: GeluOptions = {}): Tensor {
  expectTensor('gelu', x, 'input', true);
  const approximate = options.approximate ?? 'none';
  if (approximate === 'none') {
    return x.mul(0.5).mul(x.mul(Math.SQRT1_2).erf().add(1));
  }
  if (approximate === 'tanh') {
    const inner = x.add(x.mul(x).mul(x).mul(0.044715)).mul(SQRT_2_OVER_PI);
    return x.mul(0.5).mul(inner.tanh().add(1));
  }
  throw new RangeError(
    `gelu: approximate must be 'none' or 'tanh', got ${JSON.stringify(approximate)}`,
  );
}
