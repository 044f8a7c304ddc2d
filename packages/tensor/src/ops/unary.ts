import type { UnaryOp } from '../backend';
import { isFloating, type DType } from '../dtype';
import { record } from '../gradient-engine';
import type { Primitive } from '../primitives';
import type { Tensor } from '../tensor';
import { expectTensor, fromBuffer } from './operand';

function run(op: UnaryOp, x: Tensor, dtype: DType): Tensor {
  expectTensor(op, x);
  return fromBuffer(x, x.backend.unary(op, x, dtype), x.shape, dtype);
}

/** Float ops promote integer inputs to float32, as PyTorch does. */
function floatOp(op: UnaryOp & Primitive, x: Tensor): Tensor {
  expectTensor(op, x);
  const dtype = isFloating(x.dtype) ? x.dtype : 'float32';
  return record(op, [x], run(op, x, dtype), {});
}

/** Ops that keep integer dtypes (bool becomes int32). */
function sameTypeOp(op: UnaryOp & Primitive, x: Tensor): Tensor {
  expectTensor(op, x);
  const dtype = x.dtype === 'bool' ? 'int32' : x.dtype;
  return record(op, [x], run(op, x, dtype), {});
}

/** `-x`. @example neg(tensor([1, -2])) // tensor([-1., 2.]) */
export const neg = (x: Tensor): Tensor => sameTypeOp('neg', x);
/** `|x|`. */
export const abs = (x: Tensor): Tensor => sameTypeOp('abs', x);
/** `max(x, 0)`. */
export const relu = (x: Tensor): Tensor => sameTypeOp('relu', x);
/** `e^x`. @example exp(tensor([0])) // tensor([1.]) */
export const exp = (x: Tensor): Tensor => floatOp('exp', x);
/** Natural logarithm. */
export const log = (x: Tensor): Tensor => floatOp('log', x);
/** Square root. */
export const sqrt = (x: Tensor): Tensor => floatOp('sqrt', x);
/** `1 / sqrt(x)`. */
export const rsqrt = (x: Tensor): Tensor => floatOp('rsqrt', x);
/** The Gauss error function. */
export const erf = (x: Tensor): Tensor => floatOp('erf', x);
/** Hyperbolic tangent. */
export const tanh = (x: Tensor): Tensor => floatOp('tanh', x);
/** `1 / (1 + e^-x)`. */
export const sigmoid = (x: Tensor): Tensor => floatOp('sigmoid', x);
/** Sine. */
export const sin = (x: Tensor): Tensor => floatOp('sin', x);
/** Cosine. */
export const cos = (x: Tensor): Tensor => floatOp('cos', x);

/** -1, 0 or 1 by the sign of each element; not differentiable (its gradient is 0). */
export function sign(x: Tensor): Tensor {
  expectTensor('sign', x);
  return run('sign', x, x.dtype === 'bool' ? 'int32' : x.dtype);
}

/** Elementwise logical not; the result is bool. */
export function logicalNot(x: Tensor): Tensor {
  return run('logicalNot', x, 'bool');
}
