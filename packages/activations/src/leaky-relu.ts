import { where, type Tensor, expectTensor } from '@torchlet/tensor';

/**
 * Leaky ReLU, `x` for `x > 0` and `negativeSlope * x` otherwise, like
 * `torch.nn.functional.leaky_relu`. The gradient at exactly 0 is `negativeSlope`, as in PyTorch.
 *
 * @example
 * ```ts
 * leakyRelu(tensor([-2, 0, 3]));      // tensor([-0.0200, 0.0000, 3.0000])
 * leakyRelu(tensor([-2, 0, 3]), 0.2); // tensor([-0.4000, 0.0000, 3.0000])
 * ```
 */
export function leakyRelu(x: Tensor, negativeSlope = 0.01): Tensor {
  expectTensor('leakyRelu', x, 'input', true);
  if (typeof negativeSlope !== 'number' || !Number.isFinite(negativeSlope)) {
    throw new TypeError(`leakyRelu: negativeSlope must be a finite number, got ${negativeSlope}`);
  }
  // where() rather than maximum(): maximum would split the gradient at ties (x = 0).
  return where(x.gt(0), x, x.mul(negativeSlope));
}
