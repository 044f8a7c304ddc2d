import type { GeluApproximate } from '../../backend';
import { wouldRecord } from '../../gradient-engine';
import type { Tensor } from '../../tensor';
import { fromBuffer } from '../operand';
import { dense } from './dense';

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/**
 * `grad · gelu'(x)`: the gradient rule of the `gelu` primitive. One fused kernel, unless the
 * backward itself is being recorded (`createGraph`) or the backend lacks the kernel: then the
 * differentiable composition.
 *
 * @example
 * ```ts
 * fusedGeluBackward(ones([3]), tensor([-1, 0, 1]), 'none'); // gelu'(x)
 * ```
 */
export function fusedGeluBackward(grad: Tensor, x: Tensor, approximate: GeluApproximate): Tensor {
  const kernel = x.backend.fused?.geluBackward;
  if (kernel === undefined || wouldRecord(grad, x)) {
    if (approximate === 'tanh') {
      const x2 = x.mul(x);
      const t = x.add(x2.mul(x).mul(0.044715)).mul(SQRT_2_OVER_PI).tanh();
      const dInner = x2
        .mul(3 * 0.044715)
        .add(1)
        .mul(SQRT_2_OVER_PI);
      const left = t.add(1).mul(0.5);
      const right = x.mul(0.5).mul(t.mul(t).neg().add(1)).mul(dInner);
      return grad.mul(left.add(right));
    }
    const cdf = x.mul(Math.SQRT1_2).erf().add(1).mul(0.5);
    const pdf = x.mul(x).mul(-0.5).exp().mul(INV_SQRT_2PI);
    return grad.mul(cdf.add(x.mul(pdf)));
  }
  return fromBuffer(x, kernel(dense(grad), dense(x), approximate, x.dtype), x.shape, x.dtype);
}
