import { promoteTypes } from '../dtype';
import { record } from '../gradient-engine';
import { broadcastShapes, formatShape } from '../shape';
import type { Tensor } from '../tensor';
import { cast } from './cast';
import { expectTensor, fromBuffer } from './operand';
import { expand, squeeze, unsqueeze } from './views';

/**
 * Matrix product with PyTorch's full semantics: 1-D·1-D is a dot product, a 1-D operand gains and
 * then loses a dim, and N-D operands are batches of matrices whose batch dims broadcast.
 *
 * @example
 * ```ts
 * matmul(randn([10, 3, 4]), randn([4, 5])).shape; // [10, 3, 5]
 * ```
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  expectTensor('matmul', a);
  expectTensor('matmul', b, 'other');
  if (a.ndim === 0 || b.ndim === 0) {
    throw new RangeError(
      `matmul: both arguments need at least 1 dimension, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
    );
  }
  const k = a.shape[a.ndim - 1];
  const kb = b.ndim === 1 ? b.shape[0] : b.shape[b.ndim - 2];
  if (k !== kb) {
    throw new RangeError(
      `matmul: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} cannot be multiplied (${k} != ${kb})`,
    );
  }
  if (a.backend !== b.backend) {
    throw new TypeError(
      `matmul: expected both tensors on the same device, got ${a.device} and ${b.device}`,
    );
  }
  const a2 = a.ndim === 1 ? unsqueeze(a, 0) : a;
  const b2 = b.ndim === 1 ? unsqueeze(b, 1) : b;
  let out = batched(a2, b2);
  if (a.ndim === 1) out = squeeze(out, -2);
  if (b.ndim === 1) out = squeeze(out, -1);
  return out;
}

function batched(a: Tensor, b: Tensor): Tensor {
  const dtype = promoteTypes(a.dtype, b.dtype);
  const ca = cast(a, dtype);
  const cb = cast(b, dtype);
  let batch: number[];
  try {
    batch = broadcastShapes('matmul', ca.shape.slice(0, -2), cb.shape.slice(0, -2));
  } catch {
    throw new RangeError(
      `matmul: batch dimensions of ${formatShape(a.shape)} and ${formatShape(b.shape)} cannot be broadcast ` +
        `(${formatShape(a.shape.slice(0, -2))} vs ${formatShape(b.shape.slice(0, -2))}); make them equal, or 1`,
    );
  }
  const m = ca.shape[ca.ndim - 2];
  const k = ca.shape[ca.ndim - 1];
  const n = cb.shape[cb.ndim - 1];
  const ea = expand(ca, [...batch, m, k]);
  const eb = expand(cb, [...batch, k, n]);
  const out = fromBuffer(ea, ea.backend.matmul(ea, eb, dtype), [...batch, m, n], dtype);
  return record('matmul', [ea, eb], out, {});
}
