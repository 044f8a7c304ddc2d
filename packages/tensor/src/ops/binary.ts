import type { BinaryOp } from '../backend';
import { isFloating, promoteTypes, type DType } from '../dtype';
import { record } from '../gradient-engine';
import type { Primitive } from '../primitives';
import { broadcastShapes, sameShape } from '../shape';
import { Tensor } from '../tensor';
import { fromBuffer, operands, type TensorLike } from './operand';
import { expand } from './views';

/**
 * Broadcasts both operands to their common shape. The expands are recorded, so expand's own
 * gradient rule sums gradients back to each operand's shape.
 */
function broadcastPair(op: string, a: Tensor, b: Tensor): [Tensor, Tensor] {
  if (sameShape(a.shape, b.shape)) return [a, b];
  const shape = broadcastShapes(op, a.shape, b.shape);
  return [expand(a, shape), expand(b, shape)];
}

function run(op: BinaryOp, a: Tensor, b: Tensor, dtype: DType): Tensor {
  return fromBuffer(a, a.backend.binary(op, a, b, dtype), a.shape, dtype);
}

function arithmetic(
  op: BinaryOp & Primitive,
  x: TensorLike,
  y: TensorLike,
  floatResult = false,
): Tensor {
  const [a, b] = operands(op, x, y);
  let dtype = promoteTypes(a.dtype, b.dtype);
  if (floatResult && !isFloating(dtype)) dtype = 'float32';
  else if (dtype === 'bool' && op !== 'maximum' && op !== 'minimum') dtype = 'int32';
  const [ea, eb] = broadcastPair(op, a, b);
  const out = run(op, ea, eb, dtype);
  return record(op, [ea, eb], out, {});
}

function comparison(op: BinaryOp, x: TensorLike, y: TensorLike): Tensor {
  const [a, b] = broadcastPair(op, ...operands(op, x, y));
  return run(op, a, b, 'bool');
}

/** `a + b`, broadcasting like PyTorch. @example add(tensor([1, 2]), 1) // tensor([2., 3.]) */
export const add = (a: TensorLike, b: TensorLike): Tensor => arithmetic('add', a, b);
/** `a - b`. */
export const sub = (a: TensorLike, b: TensorLike): Tensor => arithmetic('sub', a, b);
/** `a * b`. */
export const mul = (a: TensorLike, b: TensorLike): Tensor => arithmetic('mul', a, b);
/** True division `a / b` (integers give float32, as in PyTorch). */
export const div = (a: TensorLike, b: TensorLike): Tensor => arithmetic('div', a, b, true);
/**
 * `a ** b`. An integer or bool tensor to a negative integer number is an error, as in PyTorch
 * (a tensor exponent is not: PyTorch gives `0`, `1` or `-1` there, and so does torchlet).
 *
 * @example
 * ```ts
 * pow(tensor([2, 3]), 2); // tensor([4., 9.])
 * tensor([2], { dtype: 'int32' }).pow(-1); // RangeError: pow: integers to negative integer powers …
 * ```
 */
export const pow = (a: TensorLike, b: TensorLike): Tensor => {
  if (
    a instanceof Tensor &&
    !isFloating(a.dtype) &&
    typeof b === 'number' &&
    Number.isInteger(b) &&
    b < 0
  ) {
    throw new RangeError(
      `pow: integers to negative integer powers are not allowed (got a ${a.dtype} tensor to ` +
        `the power ${b}); convert the base first, e.g. x.float().pow(${b})`,
    );
  }
  return arithmetic('pow', a, b);
};
/** Elementwise maximum (NaN propagates). */
export const maximum = (a: TensorLike, b: TensorLike): Tensor => arithmetic('maximum', a, b);
/** Elementwise minimum (NaN propagates). */
export const minimum = (a: TensorLike, b: TensorLike): Tensor => arithmetic('minimum', a, b);
/** `a == b` as a bool tensor. */
export const eq = (a: TensorLike, b: TensorLike): Tensor => comparison('eq', a, b);
/** `a != b`. */
export const ne = (a: TensorLike, b: TensorLike): Tensor => comparison('ne', a, b);
/** `a < b`. */
export const lt = (a: TensorLike, b: TensorLike): Tensor => comparison('lt', a, b);
/** `a <= b`. */
export const le = (a: TensorLike, b: TensorLike): Tensor => comparison('le', a, b);
/** `a > b`. */
export const gt = (a: TensorLike, b: TensorLike): Tensor => comparison('gt', a, b);
/** `a >= b`. */
export const ge = (a: TensorLike, b: TensorLike): Tensor => comparison('ge', a, b);
