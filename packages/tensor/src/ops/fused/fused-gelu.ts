import type { GeluApproximate } from '../../backend';
import { record } from '../../gradient-engine';
import type { Tensor } from '../../tensor';
import { expectTensor, fromBuffer } from '../operand';
import { dense } from './dense';

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/**
 * GELU as one op: the backend's fused kernel when it has one (recorded as the `gelu` primitive,
 * whose backward is one kernel too), else the composition of elementwise ops.
 * `@torchlet/activations`' `gelu` calls it.
 *
 * @example
 * ```ts
 * fusedGelu(tensor([-1, 0, 1]), 'none'); // tensor([-0.1587, 0.0000, 0.8413])
 * ```
 */
export function fusedGelu(x: Tensor, approximate: GeluApproximate): Tensor {
  expectTensor('gelu', x, 'input', true);
  const kernel = x.backend.fused?.gelu;
  if (kernel === undefined) return composedGelu(x, approximate);
  const out = fromBuffer(x, kernel(dense(x), approximate, x.dtype), x.shape, x.dtype);
  return record('gelu', [x], out, { approximate });
}

/** GELU from elementwise primitives, for backends without the fused kernel. */
function composedGelu(x: Tensor, approximate: GeluApproximate): Tensor {
  if (approximate === 'tanh') {
    const inner = x.add(x.mul(x).mul(x).mul(0.044715)).mul(SQRT_2_OVER_PI);
    return x.mul(0.5).mul(inner.tanh().add(1));
  }
  return x.mul(0.5).mul(x.mul(Math.SQRT1_2).erf().add(1));
}
