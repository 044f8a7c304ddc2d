import { promoteTypes } from '../dtype';
import { record } from '../gradient-engine';
import { broadcastShapes } from '../shape';
import { Tensor } from '../tensor';
import { expectTensor, fromBuffer, scalarDType, scalarTensor, type TensorLike } from './operand';
import { describeArg } from './scalar-arg';
import { expand } from './views';

/**
 * Picks `a` where `condition` is true and `b` elsewhere, broadcasting all three.
 *
 * @example
 * ```ts
 * where(tensor([true, false]), tensor([1, 2]), 0); // tensor([1., 0.])
 * ```
 */
export function where(condition: Tensor, a: TensorLike, b: TensorLike): Tensor {
  expectTensor('where', condition, 'condition');
  if (!(a instanceof Tensor)) scalarOperand('input', a);
  if (!(b instanceof Tensor)) scalarOperand('other', b);
  let ta: Tensor;
  let tb: Tensor;
  if (a instanceof Tensor) {
    ta = a;
    tb = b instanceof Tensor ? b : scalarTensor(b, scalarDType(b, a.dtype), condition);
  } else if (b instanceof Tensor) {
    tb = b;
    ta = scalarTensor(a, scalarDType(a, b.dtype), condition);
  } else {
    const dtype = typeof a === 'boolean' && typeof b === 'boolean' ? 'bool' : 'float32';
    ta = scalarTensor(a, dtype, condition);
    tb = scalarTensor(b, dtype, condition);
  }
  const shape = broadcastShapes(
    'where',
    broadcastShapes('where', condition.shape, ta.shape),
    tb.shape,
  );
  const c = expand(condition, shape);
  const ea = expand(ta, shape);
  const eb = expand(tb, shape);
  const dtype = promoteTypes(ta.dtype, tb.dtype);
  const out = fromBuffer(c, c.backend.where(c, ea, eb, dtype), shape, dtype);
  return record('where', [ea, eb], out, { condition: c });
}

function scalarOperand(name: string, value: unknown): void {
  if (typeof value === 'number' || typeof value === 'boolean') return;
  throw new TypeError(
    `where: expected ${name} to be a Tensor, a number or a boolean, got ${describeArg(value)}`,
  );
}
