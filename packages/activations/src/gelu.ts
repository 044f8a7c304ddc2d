import { expectTensor, type Tensor } from '@torchlet/tensor';
import { fusedGelu } from './fused-gelu';

/** Options of {@link gelu}. @example `gelu(x, { approximate: 'tanh' })` */
export interface GeluOptions {
  /**
   * `'none'` (default): the exact `x * Φ(x)` with the error function, as PyTorch's default.
   * `'tanh'`: the tanh approximation used by GPT-2 and BERT ports.
   */
  approximate?: 'none' | 'tanh';
}

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
  // One fused kernel (and one for the backward) when the backend has them.
  if (approximate === 'none' || approximate === 'tanh') return fusedGelu([x], { approximate });
  throw new RangeError(
    `gelu: approximate must be 'none' or 'tanh', got ${JSON.stringify(approximate)}`,
  );
}
