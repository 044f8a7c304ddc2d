import { broadcastShapes, formatShape, normalizeDim, Tensor, expectTensor } from '@torchlet/tensor';
import { silu } from './silu';

/**
 * SwiGLU, the gated unit of LLaMA-style feed-forward blocks: `silu(gate) * up`.
 *
 * - `swiglu(x, dim = -1)`: splits `x` into two equal halves along `dim`; the **first** half is
 *   the gate and the second the up projection (PyTorch: `a, b = x.chunk(2, dim); F.silu(a) * b`).
 *   The size of `dim` must be even; the output has half of it.
 * - `swiglu(gate, up)`: `silu(gate) * up` for two tensors (broadcast together).
 *
 * @example
 * ```ts
 * swiglu(randn([4, 2 * 64])).shape;              // [4, 64]
 * swiglu(linear1.forward(x), linear3.forward(x)); // silu(w1 x) * (w3 x)
 * ```
 */
export function swiglu(x: Tensor, dim?: number): Tensor;
export function swiglu(gate: Tensor, up: Tensor): Tensor;
export function swiglu(x: Tensor, second: Tensor | number = -1): Tensor {
  if (second instanceof Tensor) {
    expectTensor('swiglu', x, 'gate', true);
    expectTensor('swiglu', second, 'up', true);
    broadcastShapes('swiglu', x.shape, second.shape);
    return silu(x).mul(second);
  }
  expectTensor('swiglu', x, 'input', true);
  if (typeof second !== 'number') {
    throw new TypeError(
      `swiglu: expected the second argument to be a dim (number) or the up Tensor, got ${
        second === null ? 'null' : typeof second
      }`,
    );
  }
  if (x.ndim === 0) {
    throw new RangeError('swiglu: cannot split a 0-d tensor into gate and up halves');
  }
  const d = normalizeDim('swiglu', second, x.ndim);
  const size = x.shape[d];
  if (size % 2 !== 0) {
    throw new RangeError(
      `swiglu: dim ${second} of input ${formatShape(x.shape)} has odd size ${size}; ` +
        `it must be even to split into gate and up halves (or pass swiglu(gate, up))`,
    );
  }
  const half = size / 2;
  return silu(x.narrow(d, 0, half)).mul(x.narrow(d, half, half));
}
