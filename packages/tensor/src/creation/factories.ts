import { fitsInt32, int32RangeError, INT32_MAX } from '../check-int32';
import { allocTyped, type DType } from '../dtype';
import { formatShape } from '../shape';
import { shapeFromArgs, type ShapeArgs } from '../shape-args';
import { numberArg, scalarArg } from '../ops/scalar-arg';
import type { Tensor } from '../tensor';
import { makeFull, makeTensor } from './make-tensor';
import type { TensorOptions } from './tensor-options';

/** Shape given as an array or as varargs, optionally followed by options. */
export type ShapeAndOptions = [readonly number[], TensorOptions?] | number[];

/** Splits `(shape, options)` or `(...sizes)` call forms. */
export function splitShapeArgs(args: readonly unknown[]): [number[], TensorOptions] {
  if (Array.isArray(args[0])) return [[...(args[0] as number[])], (args[1] as TensorOptions) ?? {}];
  const last = args[args.length - 1];
  if (typeof last === 'object' && last !== null) {
    return [shapeFromArgs(args.slice(0, -1) as ShapeArgs), last as TensorOptions];
  }
  return [shapeFromArgs(args as ShapeArgs), {}];
}

/**
 * A tensor of zeros. @example zeros([2, 3]); zeros(2, 3); zeros([4], { dtype: 'int32' })
 */
export function zeros(...args: ShapeAndOptions): Tensor {
  const [shape, options] = splitShapeArgs(args);
  return makeFull('zeros', shape, 0, options.dtype ?? 'float32', options);
}

/** A tensor of ones. @example ones([2, 3]) */
export function ones(...args: ShapeAndOptions): Tensor {
  const [shape, options] = splitShapeArgs(args);
  return makeFull('ones', shape, 1, options.dtype ?? 'float32', options);
}

/**
 * A tensor filled with `value`. An int32 fill truncates toward zero (PyTorch); NaN, ±Infinity or
 * a value outside int32 is a RangeError. @example full([2, 2], 7)
 */
export function full(
  shape: readonly number[],
  value: number | boolean | Tensor,
  options: TensorOptions = {},
): Tensor {
  const v = scalarArg('full', 'fillValue', value);
  const dtype = options.dtype ?? (typeof v === 'boolean' ? 'bool' : 'float32');
  return makeFull('full', shape, Number(v), dtype, options);
}

/** Zeros with the shape (and, by default, dtype and backend) of `x`. */
export function zerosLike(x: Tensor, options: TensorOptions = {}): Tensor {
  return makeFull('zerosLike', x.shape, 0, options.dtype ?? x.dtype, {
    backend: x.backend,
    ...options,
  });
}

/** Ones with the shape (and, by default, dtype and backend) of `x`. */
export function onesLike(x: Tensor, options: TensorOptions = {}): Tensor {
  return makeFull('onesLike', x.shape, 1, options.dtype ?? x.dtype, {
    backend: x.backend,
    ...options,
  });
}

/** `value` everywhere, with the shape (and, by default, dtype and backend) of `x`. */
export function fullLike(
  x: Tensor,
  value: number | boolean | Tensor,
  options: TensorOptions = {},
): Tensor {
  const v = Number(scalarArg('fullLike', 'fillValue', value));
  return makeFull('fullLike', x.shape, v, options.dtype ?? x.dtype, {
    backend: x.backend,
    ...options,
  });
}

/**
 * Values from `start` up to (not including) `end` in steps of `step`, like `torch.arange`.
 * Integer arguments give int32 (PyTorch gives int64, which torchlet lacks), so an int32 range
 * whose values leave [-2^31, 2^31 - 1], or that has more elements than int32 can count, is a
 * RangeError: pass `{ dtype: 'float64' }` for it (exact up to 2^53).
 *
 * @example
 * ```ts
 * arange(5);          // tensor([0, 1, 2, 3, 4], dtype=int32)
 * arange(0, 1, 0.25); // tensor([0.0000, 0.2500, 0.5000, 0.7500])
 * arange(2 ** 31 - 1, 2 ** 31 + 1, 1, { dtype: 'float64' }); // past int32: float64
 * ```
 */
export function arange(start: number, end?: number, step = 1, options: TensorOptions = {}): Tensor {
  if (end === undefined) {
    end = start;
    start = 0;
  }
  numberArg('arange', 'start', start);
  numberArg('arange', 'end', end);
  numberArg('arange', 'step', step);
  if (step === 0 || !Number.isFinite(step))
    throw new RangeError(`arange: step must be finite and nonzero, got ${step}`);
  if ((end - start) / step < 0) {
    throw new RangeError(
      `arange: upper bound and lower bound inconsistent with step sign (start ${start}, end ${end}, step ${step})`,
    );
  }
  const n = Math.ceil((end - start) / step);
  const integral = Number.isInteger(start) && Number.isInteger(end) && Number.isInteger(step);
  const dtype: DType = options.dtype ?? (integral ? 'int32' : 'float32');
  if (dtype === 'int32') {
    // PyTorch counts the elements in double but steps in the integer type: from trunc(start)
    // by trunc(step).
    start = Math.trunc(start);
    if (Math.trunc(step) === 0) {
      throw new RangeError(
        `arange: step ${step} truncates to 0 for dtype int32 (PyTorch: step must be nonzero); ` +
          'use an integer step or a float dtype',
      );
    }
    step = Math.trunc(step);
    checkInt32Range(start, n, step, options.dtype === undefined);
  }
  const values = allocTyped(dtype === 'float32' || dtype === 'int32' ? dtype : 'float64', n);
  for (let i = 0; i < n; i++) values[i] = start + i * step;
  return makeTensor('arange', values, [n], dtype, options);
}

/**
 * Refuses an int32 arange before anything is allocated: the values are monotonic, so the first
 * and last decide, and the count must itself be an int32.
 */
function checkInt32Range(start: number, n: number, step: number, inferred: boolean): void {
  const fix = `${inferred ? 'integer arguments give int32, ' : ''}pass { dtype: 'float64' }`;
  if (n === 0) return;
  const last = start + (n - 1) * step;
  for (const v of [start, last]) if (!fitsInt32(v)) throw int32RangeError('arange', v, fix);
  if (n > INT32_MAX) {
    throw new RangeError(
      `arange: ${n} elements are more than int32 can count (at most ${INT32_MAX}); use a ` +
        'larger step or a shorter range',
    );
  }
}

/**
 * `steps` evenly spaced values from `start` to `end` inclusive.
 *
 * @example
 * ```ts
 * linspace(0, 1, 5); // tensor([0.0000, 0.2500, 0.5000, 0.7500, 1.0000])
 * ```
 */
export function linspace(
  start: number,
  end: number,
  steps: number,
  options: TensorOptions = {},
): Tensor {
  numberArg('linspace', 'start', start);
  numberArg('linspace', 'end', end);
  if (!Number.isInteger(numberArg('linspace', 'steps', steps)) || steps < 0)
    throw new RangeError(`linspace: steps must be a non-negative integer, got ${steps}`);
  const values = new Float64Array(steps);
  const delta = steps > 1 ? (end - start) / (steps - 1) : 0;
  // Fill from both ends, as PyTorch does, so the last value is exactly `end`.
  const half = Math.floor(steps / 2);
  for (let i = 0; i < steps; i++)
    values[i] = i < half ? start + i * delta : end - (steps - 1 - i) * delta;
  return makeTensor('linspace', values, [steps], options.dtype ?? 'float32', options);
}

/**
 * The identity matrix (`n × m`, square by default).
 *
 * @example
 * ```ts
 * eye(3).sum().item(); // 3
 * ```
 */
export function eye(n: number, m: number = n, options: TensorOptions = {}): Tensor {
  if (!Number.isInteger(n) || !Number.isInteger(m) || n < 0 || m < 0) {
    throw new RangeError(`eye: sizes must be non-negative integers, got ${formatShape([n, m])}`);
  }
  const values = new Float64Array(n * m);
  for (let i = 0; i < Math.min(n, m); i++) values[i * m + i] = 1;
  return makeTensor('eye', values, [n, m], options.dtype ?? 'float32', options);
}
