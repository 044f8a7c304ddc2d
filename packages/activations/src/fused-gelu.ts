import { fusedOp } from '@torchlet/autograd';
import { fromBuffer, type GeluApproximate, type Tensor } from '@torchlet/tensor';

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/**
 * GELU as one fused op (PyTorch's `GeluBackward0`): the backend's `gelu` kernel forward and its
 * `geluBackward` kernel backward where it has them, else the compositions below. {@link gelu}
 * checks the arguments and calls it.
 *
 * @example
 * ```ts
 * fusedGelu([tensor([-1, 0, 1])], { approximate: 'none' }); // tensor([-0.1587, 0.0000, 0.8413])
 * ```
 */
export const fusedGelu = /* @__PURE__ */ fusedOp({
  name: 'GeluBackward0',
  forward([x], { approximate }: { approximate: GeluApproximate }) {
    const kernel = x.backend.fused?.gelu;
    if (kernel === undefined) return undefined;
    const buffer = kernel(x.detach().contiguous(), approximate, x.dtype);
    return { output: fromBuffer(x, buffer, x.shape, x.dtype) };
  },
  compose([x], { approximate }) {
    if (approximate === 'tanh') {
      const inner = x.add(x.mul(x).mul(x).mul(0.044715)).mul(SQRT_2_OVER_PI);
      return x.mul(0.5).mul(inner.tanh().add(1));
    }
    return x.mul(0.5).mul(x.mul(Math.SQRT1_2).erf().add(1));
  },
  save: ({ inputs: [x], attrs: { approximate } }) => ({ x, approximate }),
  backwardKernel({ x, approximate }, grad) {
    const kernel = x.backend.fused?.geluBackward;
    if (kernel === undefined) return undefined;
    const dx = kernel(grad.detach().contiguous(), x.detach().contiguous(), approximate, x.dtype);
    return [fromBuffer(x, dx, x.shape, x.dtype)];
  },
  // gelu'(x) written out: no second forward pass, and the float operations the parity replays
  // were recorded with.
  backward: ({ x, approximate }, grad) => [grad.mul(geluDerivative(x, approximate))],
});

function geluDerivative(x: Tensor, approximate: GeluApproximate): Tensor {
  if (approximate === 'tanh') {
    const x2 = x.mul(x);
    const t = x.add(x2.mul(x).mul(0.044715)).mul(SQRT_2_OVER_PI).tanh();
    const dInner = x2
      .mul(3 * 0.044715)
      .add(1)
      .mul(SQRT_2_OVER_PI);
    const left = t.add(1).mul(0.5);
    const right = x.mul(0.5).mul(t.mul(t).neg().add(1)).mul(dInner);
    return left.add(right);
  }
  const cdf = x.mul(Math.SQRT1_2).erf().add(1).mul(0.5);
  const pdf = x.mul(x).mul(-0.5).exp().mul(INV_SQRT_2PI);
  return cdf.add(x.mul(pdf));
}
