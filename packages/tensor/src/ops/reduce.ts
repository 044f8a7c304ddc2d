import type { ReduceOp } from '../backend';
import { isFloating, type DType } from '../dtype';
import { record } from '../gradient-engine';
import { formatShape, normalizeDim } from '../shape';
import type { Tensor } from '../tensor';
import { add, div, mul, pow, sub } from './binary';
import { expectTensor, fromBuffer } from './operand';
import { abs, exp, log, sqrt } from './unary';
import { gather } from './indexing';
import { int32Sum } from './int32-sum';
import { squeeze } from './views';
import { where } from './where';

/** A dim, a list of dims, or nothing for all dims. */
export type Dims = number | readonly number[] | undefined;

/** Values and their indices along a dim, as `max(dim)` and `min(dim)` return. */
export interface ValuesIndices {
  /** The values picked along the dim (their gradient reaches the picked positions only). */
  values: Tensor;
  /** Their int32 positions along the dim (PyTorch: int64). */
  indices: Tensor;
}

/** Options of `var` and `std`. */
export interface VarianceOptions {
  /** Subtracted from the count in the denominator: 1 is Bessel's correction (the default). */
  correction?: number;
  /** Keep the reduced dims as size 1 (default false). */
  keepdim?: boolean;
}

function resolveDims(op: string, x: Tensor, dim: Dims): number[] {
  if (dim === undefined) return Array.from({ length: x.ndim }, (_, i) => i);
  if (typeof dim !== 'number' && !Array.isArray(dim)) {
    throw new TypeError(
      `${op}: expected dim to be an integer or an array of integers, got ${typeof dim}`,
    );
  }
  const list: readonly number[] = typeof dim === 'number' ? [dim] : dim;
  const out = [...new Set(list.map((d) => normalizeDim(op, d, x.ndim)))].sort((a, b) => a - b);
  if (out.length !== list.length)
    throw new RangeError(`${op}: dim ${formatShape(list)} appears more than once`);
  // A 0-d tensor reduces over "dim 0", which it does not really have.
  return x.ndim === 0 ? [] : out;
}

function reducedShape(x: Tensor, dims: readonly number[], keepdim: boolean): number[] {
  const shape: number[] = [];
  for (let d = 0; d < x.ndim; d++) {
    if (!dims.includes(d)) shape.push(x.shape[d]);
    else if (keepdim) shape.push(1);
  }
  return shape;
}

function run(op: ReduceOp, x: Tensor, dims: number[], keepdim: boolean, dtype: DType): Tensor {
  const buffer = x.backend.reduce(op, x, dims, dtype);
  return fromBuffer(x, buffer, reducedShape(x, dims, keepdim), dtype);
}

function countOf(x: Tensor, dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= x.shape[d];
  return n;
}

/**
 * Sum over `dim` (all dims by default). Integer and bool inputs sum exactly to int32, and a sum
 * that leaves int32 is a RangeError (PyTorch sums into int64, which torchlet lacks), never a
 * wrap-around.
 *
 * @example
 * ```ts
 * tensor([[1, 2], [3, 4]]).sum(0); // tensor([4., 6.])
 * tensor([true, false, true]).sum(); // tensor(2, dtype=int32)
 * ```
 */
export function sum(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  expectTensor('sum', x);
  const dims = resolveDims('sum', x, dim);
  if (!isFloating(x.dtype)) return int32Sum(x, dims, reducedShape(x, dims, keepdim));
  return record('sum', [x], run('sum', x, dims, keepdim, x.dtype), { dims, keepdim });
}

/** Mean over `dim` (all dims by default). Needs a float tensor, as in PyTorch. */
export function mean(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  expectTensor('mean', x);
  if (!isFloating(x.dtype)) {
    throw new TypeError(
      `mean: could not infer output dtype; input dtype must be floating point, got ${x.dtype}; use .float() first`,
    );
  }
  const dims = resolveDims('mean', x, dim);
  // Sum then divide, as PyTorch does (multiplying by 1/n rounds differently in float32).
  return div(sum(x, dims, keepdim), countOf(x, dims));
}

function extreme(op: 'amax' | 'amin', x: Tensor, dim: Dims, keepdim: boolean): Tensor {
  expectTensor(op, x);
  const dims = resolveDims(op, x, dim);
  for (const d of dims) {
    if (x.shape[d] === 0) {
      throw new RangeError(
        `${op}: cannot reduce over zero-size dim ${d} of ${formatShape(x.shape)}; it has no identity`,
      );
    }
  }
  if (x.numel() === 0 && dims.length === 0 && x.ndim > 0) return x;
  const out = run(op === 'amax' ? 'max' : 'min', x, dims, keepdim, x.dtype);
  return record(op, [x], out, { dims, keepdim });
}

/** Largest value over `dim` (all dims by default); ties share the gradient evenly. */
export const amax = (x: Tensor, dim?: Dims, keepdim = false): Tensor =>
  extreme('amax', x, dim, keepdim);
/** Smallest value over `dim` (all dims by default); ties share the gradient evenly. */
export const amin = (x: Tensor, dim?: Dims, keepdim = false): Tensor =>
  extreme('amin', x, dim, keepdim);

function argExtreme(
  op: 'argmax' | 'argmin',
  x: Tensor,
  dim: number | undefined,
  keepdim: boolean,
): Tensor {
  expectTensor(op, x);
  if (x.numel() === 0)
    throw new RangeError(`${op}: expected a non-empty tensor, got ${formatShape(x.shape)}`);
  if (dim === undefined) {
    const flat = x.reshape([-1]);
    const out = run(op, flat, [0], false, 'int32');
    return keepdim ? out.reshape(x.shape.map(() => 1)) : out;
  }
  const d = normalizeDim(op, dim, x.ndim);
  if (x.ndim === 0) return run(op, x.reshape([1]), [0], false, 'int32');
  return run(op, x, [d], keepdim, 'int32');
}

/** Index of the largest value along `dim` (of the flattened tensor by default), as int32. */
export const argmax = (x: Tensor, dim?: number, keepdim = false): Tensor =>
  argExtreme('argmax', x, dim, keepdim);
/** Index of the smallest value along `dim` (of the flattened tensor by default), as int32. */
export const argmin = (x: Tensor, dim?: number, keepdim = false): Tensor =>
  argExtreme('argmin', x, dim, keepdim);

function valuesIndices(
  op: 'argmax' | 'argmin',
  x: Tensor,
  dim: number,
  keepdim: boolean,
): ValuesIndices {
  const indices = argExtreme(op, x, dim, true);
  // Gathering at the index sends the whole gradient to the chosen element, as PyTorch does.
  const values = x.ndim === 0 ? x : gather(x, dim, indices);
  if (keepdim || x.ndim === 0) return { values, indices };
  return { values: squeeze(values, dim), indices: squeeze(indices, dim) };
}

/** `{ values, indices }` of the maxima along `dim`. */
export const max = (x: Tensor, dim: number, keepdim = false): ValuesIndices =>
  valuesIndices('argmax', x, dim, keepdim);
/** `{ values, indices }` of the minima along `dim`. */
export const min = (x: Tensor, dim: number, keepdim = false): ValuesIndices =>
  valuesIndices('argmin', x, dim, keepdim);

/** Variance over `dim` with `correction` (default 1, the unbiased estimate). */
export function variance(x: Tensor, dim?: Dims, options: VarianceOptions = {}): Tensor {
  expectTensor('var', x);
  const { correction = 1, keepdim = false } = options;
  const dims = resolveDims('var', x, dim);
  const centered = sub(x, mean(x, dims, true));
  const denominator = Math.max(countOf(x, dims) - correction, 0);
  return div(sum(mul(centered, centered), dims, keepdim), denominator);
}

/** Standard deviation over `dim` with `correction` (default 1). */
export function std(x: Tensor, dim?: Dims, options: VarianceOptions = {}): Tensor {
  return sqrt(variance(x, dim, options));
}

/** `log(sum(exp(x)))` over `dim`, computed stably by shifting by the maximum. */
export function logsumexp(x: Tensor, dim: Dims, keepdim = false): Tensor {
  expectTensor('logsumexp', x);
  const dims = resolveDims('logsumexp', x, dim);
  const m = amax(x.detach(), dims, true);
  // An all -inf slice would give inf - inf = NaN; shift it by 0 instead.
  const shift = where(m.abs().eq(Infinity), 0, m);
  const out = add(log(sum(exp(sub(x, shift)), dims, true)), shift);
  return keepdim ? out : out.reshape(reducedShape(x, dims, false));
}

/**
 * The p-norm over `dim` (all elements by default): `p = 2` is the Euclidean norm, `1` the sum of
 * magnitudes, `Infinity` the largest magnitude.
 */
export function norm(x: Tensor, p = 2, dim?: Dims, keepdim = false): Tensor {
  expectTensor('norm', x);
  const dims = resolveDims('norm', x, dim);
  if (p === 2) return rootAtZeroSafe(sum(mul(x, x), dims, keepdim), 2, x.requiresGrad);
  if (p === 1) return sum(abs(x), dims, keepdim);
  if (p === Infinity) return amax(abs(x), dims, keepdim);
  if (p === -Infinity) return amin(abs(x), dims, keepdim);
  if (!(p > 0)) throw new RangeError(`norm: p must be positive or ±Infinity, got ${p}`);
  const differentiable = x.requiresGrad;
  const powers = zeroSafe(abs(x), (a) => pow(a, p), differentiable);
  return rootAtZeroSafe(sum(powers, dims, keepdim), p, differentiable);
}

/**
 * `s^(1/p)`, whose derivative is infinite at 0. PyTorch gives a norm of zeros the subgradient 0,
 * so for tensors that need a gradient the root is taken of 1 where `s` is 0 and the result
 * replaced by 0 there: the same values, and a gradient of 0 instead of 0·∞ = NaN.
 */
function rootAtZeroSafe(s: Tensor, p: number, differentiable: boolean): Tensor {
  const root = (v: Tensor) => (p === 2 ? sqrt(v) : pow(v, 1 / p));
  return zeroSafe(s, root, differentiable);
}

/** `f(v)` with `f(0)` taken as 0 and no gradient through `f` where `v` is 0. */
function zeroSafe(v: Tensor, f: (v: Tensor) => Tensor, differentiable: boolean): Tensor {
  if (!differentiable) return f(v);
  const zero = v.eq(0);
  return where(zero, 0, f(where(zero, 1, v)));
}
