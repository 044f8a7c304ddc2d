import { checkOptions } from '@torchlet/tensor';
import { noGrad } from '@torchlet/autograd';
import type { Generator, Tensor } from '@torchlet/tensor';
import { checkChoice } from '../check-choice';
import { calculateFanInAndFanOut } from './fan';

/** Options of {@link kaimingUniform_}. */
export interface KaimingUniformOptions {
  /** Negative slope of the rectifier after this layer (PyTorch's `a`). Default 0. */
  a?: number;
  /** Preserve the variance of the forward pass (`fanIn`) or of the backward pass (`fanOut`). */
  mode?: 'fanIn' | 'fanOut';
  /** The nonlinearity after this layer, which sets the gain (default `'leakyRelu'`, with `a`). */
  nonlinearity?: 'leakyRelu' | 'relu' | 'linear';
  /** Draw from this generator instead of the default one. */
  generator?: Generator;
}

/**
 * Fills `tensor` in place from U(-bound, bound) with He/Kaiming's bound
 * `sqrt(3) * gain / sqrt(fan)`. The arithmetic is PyTorch's, step for step, so the same seed
 * gives the same weights.
 *
 * @example
 * ```ts
 * kaimingUniform_(linear.weight, { a: Math.sqrt(5) }); // what nn.Linear does
 * ```
 */
export function kaimingUniform_(tensor: Tensor, options: KaimingUniformOptions = {}): Tensor {
  const op = 'kaimingUniform_';
  checkOptions(op, options, ['a', 'mode', 'nonlinearity', 'generator']);
  const { a = 0, generator } = options;
  if (typeof a !== 'number' || !Number.isFinite(a))
    throw new TypeError(`${op}: a must be a finite number, got ${String(a)}`);
  // Anything else used to fall through to the other branch (mode 'fan_in' meant fanOut).
  const mode = checkChoice(op, 'mode', options.mode ?? 'fanIn', ['fanIn', 'fanOut']);
  const nonlinearity = checkChoice(op, 'nonlinearity', options.nonlinearity ?? 'leakyRelu', [
    'leakyRelu',
    'relu',
    'linear',
  ]);
  const [fanIn, fanOut] = calculateFanInAndFanOut(tensor);
  const fan = mode === 'fanIn' ? fanIn : fanOut;
  const gain =
    nonlinearity === 'linear'
      ? 1
      : nonlinearity === 'relu'
        ? Math.sqrt(2)
        : Math.sqrt(2.0 / (1 + a ** 2));
  const std = gain / Math.sqrt(fan);
  const bound = Math.sqrt(3.0) * std;
  return noGrad(() => tensor.uniform_(-bound, bound, { generator }));
}
