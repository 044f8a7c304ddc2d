import { isFloating } from '../dtype';
import { Tensor } from '../tensor';

/** How a wrong argument reads in an error: its type, and its value when that helps. */
export function describeArg(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return `a string (${JSON.stringify(value)})`;
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Tensor) return `a Tensor of shape [${value.shape.join(', ')}]`;
  return typeof value;
}

/**
 * A number argument, as PyTorch's `Scalar`: a JavaScript number or boolean, or a one-element
 * 0-d tensor (read with `item()`). Anything else is a TypeError naming the op and argument,
 * never coerced (JavaScript would turn `undefined` into NaN and `null` into 0).
 *
 * @example
 * ```ts
 * scalarArg('full', 'fillValue', tensor(3)); // 3
 * scalarArg('add', 'other', '1'); // TypeError: add: expected other to be a number …
 * ```
 */
export function scalarArg(op: string, name: string, value: unknown): number | boolean {
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Tensor && value.ndim === 0) {
    const v = value.item();
    return value.dtype === 'bool' ? v !== 0 : v;
  }
  throw new TypeError(
    `${op}: expected ${name} to be a number, a boolean or a 0-d Tensor, got ${describeArg(value)}`,
  );
}

/**
 * An integer argument (an index, a size, a step): a JavaScript integer or a 0-d integer
 * tensor, as PyTorch's `__index__` allows. A float (`1.5`, or a float tensor) is a TypeError.
 *
 * @example
 * ```ts
 * indexArg('select', 'index', tensor(1, { dtype: 'int32' })); // 1
 * ```
 */
export function indexArg(op: string, name: string, value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (value instanceof Tensor && value.numel() === 1 && !isFloating(value.dtype)) {
    return value.item();
  }
  if (value instanceof Tensor && value.numel() === 1) {
    throw new TypeError(
      `${op}: only integer tensors of a single element can be converted to an index (${name} is ` +
        `${value.dtype}); convert it with .int()`,
    );
  }
  throw new TypeError(`${op}: expected ${name} to be an integer, got ${describeNumber(value)}`);
}

/** Like {@link indexArg}, but `undefined` passes through (an omitted optional argument). */
export function optionalIndexArg(op: string, name: string, value: unknown): number | undefined {
  return value === undefined ? undefined : indexArg(op, name, value);
}

/** A plain number argument (no tensors): finite or not, never a string or nothing. */
export function numberArg(op: string, name: string, value: unknown): number {
  if (typeof value === 'number') return value;
  throw new TypeError(`${op}: expected ${name} to be a number, got ${describeArg(value)}`);
}

function describeNumber(value: unknown): string {
  return typeof value === 'number' ? String(value) : describeArg(value);
}
