import { allocTyped, isFloating, type DType } from '../dtype';
import { defaultGenerator } from '../random/default-generator';
import type { Generator } from '../random/generator';
import { numel } from '../shape';
import type { Tensor } from '../tensor';
import { splitShapeArgs, type ShapeAndOptions } from './factories';
import { makeTensor } from './make-tensor';
import type { TensorOptions } from './tensor-options';

/** Creation options of the random functions: a generator of your own, or the default one. */
export interface RandomOptions extends TensorOptions {
  /** The generator to draw from (default: `defaultGenerator`, which `manualSeed` seeds). */
  generator?: Generator;
}

function floatDType(op: string, dtype: DType | undefined): 'float32' | 'float64' {
  const d = dtype ?? 'float32';
  if (!isFloating(d)) throw new TypeError(`${op}: expected a floating point dtype, got ${d}`);
  return d;
}

/**
 * Standard normal samples. With the same seed it draws the same numbers as PyTorch's CPU
 * `torch.randn` (see {@link manualSeed}).
 *
 * @example
 * ```ts
 * manualSeed(0);
 * randn([2, 3]); // the numbers torch.manual_seed(0); torch.randn(2, 3) gives
 * ```
 */
export function randn(...args: ShapeAndOptions): Tensor {
  const [shape, options] = splitShapeArgs(args) as [number[], RandomOptions];
  const dtype = floatDType('randn', options.dtype);
  const values = allocTyped(dtype, numel(shape));
  (options.generator ?? defaultGenerator).fillNormal(values, 0, 1);
  return makeTensor('randn', values, shape, dtype, options);
}

/** Uniform samples in `[0, 1)`, matching PyTorch's `torch.rand` for the same seed. */
export function rand(...args: ShapeAndOptions): Tensor {
  const [shape, options] = splitShapeArgs(args) as [number[], RandomOptions];
  const dtype = floatDType('rand', options.dtype);
  const values = allocTyped(dtype, numel(shape));
  (options.generator ?? defaultGenerator).fillUniform(values, 0, 1);
  return makeTensor('rand', values, shape, dtype, options);
}

/**
 * Integers drawn uniformly from `[low, high)`, int32 by default, matching `torch.randint`.
 *
 * @example
 * ```ts
 * randint(0, 10, [5]); // e.g. tensor([4, 9, 3, 0, 3], dtype=int32)
 * ```
 */
export function randint(
  low: number,
  high: number,
  shape: readonly number[],
  options: RandomOptions = {},
): Tensor {
  if (!Number.isInteger(low) || !Number.isInteger(high) || high <= low) {
    throw new RangeError(`randint: expects integers with low < high, got low=${low}, high=${high}`);
  }
  const dtype = options.dtype ?? 'int32';
  const values =
    dtype === 'float64'
      ? new Float64Array(numel(shape))
      : dtype === 'float32'
        ? new Float32Array(numel(shape))
        : new Int32Array(numel(shape));
  (options.generator ?? defaultGenerator).fillRandint(values, low, high);
  return makeTensor('randint', values, shape, dtype, options);
}

/** A random permutation of `0..n-1` (int32), matching `torch.randperm`. */
export function randperm(n: number, options: RandomOptions = {}): Tensor {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`randperm: n must be a non-negative integer, got ${n}`);
  const values = (options.generator ?? defaultGenerator).randperm(n);
  return makeTensor('randperm', values, [n], options.dtype ?? 'int32', options);
}

/** Normal samples with the shape (and by default dtype and backend) of `x`. */
export function randnLike(x: Tensor, options: RandomOptions = {}): Tensor {
  return randn([...x.shape], { dtype: x.dtype, backend: x.backend, ...options });
}

/** Uniform samples with the shape (and by default dtype and backend) of `x`. */
export function randLike(x: Tensor, options: RandomOptions = {}): Tensor {
  return rand([...x.shape], { dtype: x.dtype, backend: x.backend, ...options });
}

/** Samples from U(from, to) drawn exactly as PyTorch's `uniform_` draws them (fused in float). */
export function uniformTensor(
  shape: readonly number[],
  from: number,
  to: number,
  options: RandomOptions = {},
): Tensor {
  const dtype = floatDType('uniform_', options.dtype);
  const values = allocTyped(dtype, numel(shape));
  (options.generator ?? defaultGenerator).fillUniform(values, from, to);
  return makeTensor('uniform_', values, shape, dtype, options);
}

/** Samples from N(mean, std²) drawn exactly as PyTorch's `normal_` draws them. */
export function normalTensor(
  shape: readonly number[],
  mean: number,
  std: number,
  options: RandomOptions = {},
): Tensor {
  const dtype = floatDType('normal_', options.dtype);
  const values = allocTyped(dtype, numel(shape));
  (options.generator ?? defaultGenerator).fillNormal(values, mean, std);
  return makeTensor('normal_', values, shape, dtype, options);
}

/**
 * A tensor of 0/1 draws that are 1 with probability `p`, drawn as PyTorch's `bernoulli_(p)` on
 * the CPU (one float64 uniform per element), so dropout masks match PyTorch for the same seed.
 *
 * @example
 * ```ts
 * bernoulli([4], 0.5); // e.g. tensor([1., 0., 0., 1.])
 * ```
 */
export function bernoulli(
  shape: readonly number[],
  p: number,
  options: RandomOptions = {},
): Tensor {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`bernoulli: p must be in [0, 1], got ${p}`);
  const dtype = options.dtype ?? 'float32';
  const values = allocTyped(dtype, numel(shape));
  (options.generator ?? defaultGenerator).fillBernoulli(values, p);
  return makeTensor('bernoulli', values, shape, dtype, options);
}
