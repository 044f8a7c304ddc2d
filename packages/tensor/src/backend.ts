import type { DType, TypedArray } from './dtype';

/** Elementwise ops of one input. Every backend implements all of them (exhaustive switch). */
export type UnaryOp =
  | 'neg'
  | 'abs'
  | 'sign'
  | 'exp'
  | 'log'
  | 'sqrt'
  | 'rsqrt'
  | 'erf'
  | 'tanh'
  | 'sigmoid'
  | 'relu'
  | 'sin'
  | 'cos'
  | 'logicalNot';

/** Elementwise ops of two inputs of the same (already broadcast) shape. */
export type BinaryOp =
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'pow'
  | 'maximum'
  | 'minimum'
  | 'eq'
  | 'ne'
  | 'lt'
  | 'le'
  | 'gt'
  | 'ge';

/** Reductions over a set of dims. `argmax`/`argmin` take exactly one dim and return int32. */
export type ReduceOp = 'sum' | 'max' | 'min' | 'argmax' | 'argmin';

/**
 * A strided window onto a backend buffer: what every kernel reads. Broadcasting is expressed by
 * stride 0, transposes and slices by strides and offset, so kernels never need a copy first.
 */
export interface View<B = unknown> {
  readonly buffer: B;
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
}

/**
 * The Backend spec: the narrow interface between `@torchlet/tensor` and a device.
 *
 * Every kernel returns a new contiguous buffer (row-major, offset 0) holding `numel(shape)`
 * elements of the output dtype. Inputs are strided {@link View}s. A backend implements this closed
 * set of kernels; everything else in torchlet is composed from them.
 *
 * @example
 * ```ts
 * import { setDefaultBackend, cpuBackend } from '@torchlet/tensor';
 * setDefaultBackend(cpuBackend);
 * ```
 */
export interface Backend<B = unknown> {
  /** The device name shown in `tensor.device`, e.g. `'cpu'`. */
  readonly name: string;
  /** The version of this spec that the backend implements. */
  readonly specVersion: 1;

  /** Copies host data into a new buffer of `dtype` (values are converted when types differ). */
  upload(data: TypedArray | readonly number[], dtype: DType): B;
  /** A new buffer of `size` elements, every one equal to `value`. */
  full(size: number, value: number, dtype: DType): B;
  /** Reads a whole buffer back to the host. */
  read(buffer: B, dtype: DType): Promise<TypedArray>;
  /** Synchronous read, where the device allows it (the CPU backend does). */
  readSync?(buffer: B, dtype: DType): TypedArray;
  /** Releases a buffer. Buffers of garbage-collected backends may ignore this. */
  free(buffer: B): void;

  /** Copies a strided view into a contiguous buffer, converting to `dtype`. */
  copy(x: View<B>, dtype: DType): B;
  unary(op: UnaryOp, x: View<B>, dtype: DType): B;
  /** `a` and `b` have the output shape already (broadcast dims have stride 0). */
  binary(op: BinaryOp, a: View<B>, b: View<B>, dtype: DType): B;
  /** Reduces `dims` (sorted, unique, non-negative); the output keeps them as size 1. */
  reduce(op: ReduceOp, x: View<B>, dims: readonly number[], dtype: DType): B;
  /** Batched matmul: `a` is `[...batch, m, k]`, `b` is `[...batch, k, n]` with equal batch shapes. */
  matmul(a: View<B>, b: View<B>, dtype: DType): B;
  /** `cond ? a : b` elementwise; all three have the output shape. */
  where(cond: View<B>, a: View<B>, b: View<B>, dtype: DType): B;
  /** `out[i][j][k] = x[i][index[i][j][k]][k]` for dim 1; output shape is `index.shape`. */
  gather(x: View<B>, dim: number, index: View<B>, dtype: DType): B;
  /** A copy of `base` with `src` added at `index` along `dim` (index and src share a shape). */
  scatterAdd(base: View<B>, dim: number, index: View<B>, src: View<B>, dtype: DType): B;
  /** Concatenates views along `dim`. */
  cat(xs: readonly View<B>[], dim: number, dtype: DType): B;
}
