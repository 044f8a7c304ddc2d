import { isFloating, type DType } from '../dtype';
import { Storage } from '../storage';
import { Tensor } from '../tensor';
import { describeArg } from './scalar-arg';

/** A tensor, or a JavaScript number or boolean used as a 0-d tensor. */
export type TensorLike = Tensor | number | boolean;

/**
 * The dtype a JavaScript scalar takes next to a tensor. Like PyTorch's Python scalars they are
 * "weak": a number adopts a float tensor's dtype; next to an integer tensor an integral number
 * stays int32 and a fractional one becomes float32.
 */
export function scalarDType(value: number | boolean, other: DType): DType {
  if (typeof value === 'boolean') return other;
  if (isFloating(other)) return other;
  return Number.isInteger(value) ? (other === 'bool' ? 'int32' : other) : 'float32';
}

/** A 0-d tensor holding `value` on the backend of `like`. */
export function scalarTensor(value: number | boolean, dtype: DType, like: Tensor): Tensor {
  const backend = like.backend;
  const v = typeof value === 'boolean' ? (value ? 1 : 0) : value;
  return new Tensor(new Storage(backend, backend.full(1, v, dtype), 1), [], [], 0, dtype);
}

/**
 * Turns the operands of a binary op into tensors, with PyTorch's weak scalar typing. A
 * non-tensor operand must be a number or a boolean: anything else is a TypeError, not coerced.
 */
export function operands(op: string, a: TensorLike, b: TensorLike): [Tensor, Tensor] {
  if (!(a instanceof Tensor)) checkOperand(op, 'input', a);
  if (!(b instanceof Tensor)) checkOperand(op, 'other', b);
  if (a instanceof Tensor) {
    if (b instanceof Tensor) {
      if (a.backend !== b.backend) {
        throw new TypeError(
          `${op}: expected both tensors on the same device, got ${a.device} and ${b.device}; ` +
            `move one with .to(backend)`,
        );
      }
      return [a, b];
    }
    return [a, scalarTensor(b, scalarDType(b, a.dtype), a)];
  }
  if (b instanceof Tensor) return [scalarTensor(a, scalarDType(a, b.dtype), b), b];
  throw new TypeError(
    `${op}: expected at least one Tensor operand, got ${typeof a} and ${typeof b}`,
  );
}

function checkOperand(op: string, name: string, value: unknown): void {
  if (typeof value === 'number' || typeof value === 'boolean') return;
  throw new TypeError(
    `${op}: expected ${name} to be a Tensor, a number or a boolean, got ${describeArg(value)}`,
  );
}

/**
 * Throws a TypeError naming `op` and the argument unless `x` is a Tensor (of a floating dtype,
 * when `floating` is set). Every op and layer validates its arguments with it, at the call.
 *
 * @example
 * ```ts
 * expectTensor('mseLoss', input, 'input', true);
 * ```
 */
export function expectTensor(
  op: string,
  x: unknown,
  name = 'input',
  floating = false,
): asserts x is Tensor {
  if (!(x instanceof Tensor)) {
    throw new TypeError(`${op}: expected ${name} to be a Tensor, got ${describe(x)}`);
  }
  if (floating && !isFloating(x.dtype)) {
    throw new TypeError(
      `${op}: expected ${name} of a floating point dtype, got ${x.dtype}; convert it with .float()`,
    );
  }
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array; wrap it with tensor(...)';
  if (typeof x === 'number') return 'a number; wrap it with tensor(...)';
  return typeof x;
}

/** Wraps a freshly computed contiguous buffer as a tensor. */
export function fromBuffer(
  like: Tensor,
  buffer: unknown,
  shape: readonly number[],
  dtype: DType,
): Tensor {
  let n = 1;
  for (const d of shape) n *= d;
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return new Tensor(new Storage(like.backend, buffer, n), shape, strides, 0, dtype);
}
