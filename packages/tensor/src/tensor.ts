import type { Backend, View } from './backend';
import { isFloating, type DType, type TypedArray } from './dtype';
import { formatTensor } from './format-tensor';
import { getGradientEngine, type BackwardOptions } from './gradient-engine';
import * as binary from './ops/binary';
import { clamp } from './ops/clamp';
import { cast } from './ops/cast';
import { gather, indexSelect, scatterAdd } from './ops/indexing';
import { chunk } from './ops/chunk';
import { maskedFill } from './ops/masked-fill';
import { split } from './ops/split';
import { topk, type TopkOptions } from './ops/topk';
import { tril } from './ops/tril';
import { triu } from './ops/triu';
import { matmul } from './ops/matmul';
import * as reduce from './ops/reduce';
import * as unary from './ops/unary';
import * as views from './ops/views';
import type { TensorLike } from './ops/operand';
import { contiguousStrides, formatShape, normalizeDim, numel, sameShape } from './shape';
import { shapeFromArgs, type ShapeArgs } from './shape-args';
import { isContiguous } from './cpu/strided';
import { normalTensor, uniformTensor } from './creation/random';
import { exponentialTensor } from './creation/exponential-tensor';
import { checkOptions } from './check-options';
import { multinomial, type MultinomialOptions } from './ops/multinomial';
import { defaultGenerator } from './random/default-generator';
import { copyInto } from './ops/in-place';
import { ownsStorage } from './ops/owns-storage';
import type { Generator } from './random/generator';
import { Storage } from './storage';

/** Nested arrays of numbers (or booleans), as `toArray()` returns and `tensor()` accepts. */
export type NestedArray = number | boolean | NestedArray[];

/**
 * An n-dimensional array on a backend, with PyTorch's semantics: a shape, row-major strides over
 * a shared {@link Storage}, a dtype, and the autograd slots `requiresGrad`, `grad` and `gradFn`.
 *
 * Views (`reshape`, `transpose`, `slice`, `expand`, …) share storage and copy nothing.
 *
 * @example
 * ```ts
 * const x = tensor([[1, 2], [3, 4]]);
 * x.matmul(x.T).sum().item(); // 54
 * ```
 */
export class Tensor implements View {
  /** Node of the graph that produced this tensor, set by the gradient engine. */
  gradFn: unknown = null;
  private gradValue: Tensor | null = null;
  private requiresGradFlag = false;

  constructor(
    readonly storage: Storage,
    readonly shape: readonly number[],
    readonly strides: readonly number[],
    readonly offset: number,
    readonly dtype: DType,
  ) {}

  /** The backend buffer (shared with every view of the same storage). */
  get buffer(): unknown {
    if (this.storage.disposed) {
      throw new Error(`Tensor ${formatShape(this.shape)}: used after dispose()`);
    }
    return this.storage.buffer;
  }

  /** The backend this tensor lives on. */
  get backend(): Backend {
    return this.storage.backend;
  }

  /** The device name, e.g. `'cpu'`. */
  get device(): string {
    return this.storage.backend.name;
  }

  /**
   * The accumulated gradient, for tensors that require one (PyTorch's `.grad`). Assigning checks
   * the value as PyTorch does: null, or a Tensor of this tensor's shape, dtype and device.
   */
  get grad(): Tensor | null {
    return this.gradValue;
  }

  set grad(value: Tensor | null) {
    if (value !== null) checkAssignedGrad(this, value);
    this.gradValue = value;
  }

  /** Whether gradients flow to this tensor. Only float tensors may require them. */
  get requiresGrad(): boolean {
    return this.requiresGradFlag;
  }

  set requiresGrad(value: boolean) {
    if (value && !isFloating(this.dtype)) {
      throw new TypeError(
        `requiresGrad: only tensors of floating point dtype can require gradients, got ` +
          `${this.dtype}; convert first with .float()`,
      );
    }
    this.requiresGradFlag = value;
  }

  /** True for tensors the user created (not produced by a recorded op). */
  get isLeaf(): boolean {
    return this.gradFn === null;
  }

  /** Number of dimensions. */
  get ndim(): number {
    return this.shape.length;
  }

  /** Number of dimensions (PyTorch's `dim()`). */
  dim(): number {
    return this.shape.length;
  }

  /** Number of elements. */
  numel(): number {
    return numel(this.shape);
  }

  /** The shape, or the size of one dim. */
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number[] | number {
    if (dim === undefined) return [...this.shape];
    return this.shape[normalizeDim('size', dim, this.ndim)];
  }

  /** Whether the elements are laid out row-major with no gaps. */
  isContiguous(): boolean {
    return isContiguous(this.shape, this.strides);
  }

  /** Sets `requiresGrad` in place and returns this tensor, like PyTorch's `requires_grad_()`. */
  requiresGrad_(value = true): this {
    this.requiresGrad = value;
    return this;
  }

  /** A tensor sharing this one's storage, cut off from the graph. */
  detach(): Tensor {
    return new Tensor(this.storage, this.shape, this.strides, this.offset, this.dtype);
  }

  /**
   * Computes the gradient of this tensor with respect to the graph leaves, accumulating into
   * their `.grad`. A non-scalar tensor needs `gradient`, the upstream gradient of its own shape.
   * Needs `@torchlet/autograd` to be imported.
   */
  backward(gradient?: Tensor, options: BackwardOptions = {}): void {
    const engine = getGradientEngine();
    if (engine === null) {
      throw new Error(
        "backward: no gradient engine is attached; add `import '@torchlet/autograd'` " +
          '(or import from the umbrella package `torchlet`)',
      );
    }
    engine.backward(this, gradient, options);
  }

  // ---- in place (never recorded; inside noGrad for tensors that require grad) ----

  /** Copies `src` (broadcast, converted) into this tensor, like PyTorch's `copy_`. */
  copy_(src: Tensor | number | boolean): this {
    copyInto('copy_', this, src);
    return this;
  }
  /** Sets every element to `value` (a number, a boolean or a 0-d tensor), like `fill_`. */
  fill_(value: number | boolean | Tensor): this {
    copyInto('fill_', this, value);
    return this;
  }
  /** Sets every element to 0. */
  zero_(): this {
    copyInto('zero_', this, 0);
    return this;
  }
  /** Refills with samples from U(from, to), as PyTorch's `uniform_` draws them. */
  uniform_(from = 0, to = 1, options: { generator?: Generator } = {}): this {
    const dtype = this.dtype === 'float64' ? 'float64' : 'float32';
    copyInto(
      'uniform_',
      this,
      uniformTensor(this.shape, from, to, { dtype, backend: this.backend, ...options }),
    );
    return this;
  }
  /** Refills with samples from N(mean, std²), as PyTorch's `normal_` draws them. */
  normal_(mean = 0, std = 1, options: { generator?: Generator } = {}): this {
    const dtype = this.dtype === 'float64' ? 'float64' : 'float32';
    copyInto(
      'normal_',
      this,
      normalTensor(this.shape, mean, std, { dtype, backend: this.backend, ...options }),
    );
    return this;
  }
  /**
   * Refills with samples from Exp(`lambd`), as PyTorch 1.13's CPU `exponential_` draws them
   * (float32 bit for bit; float64 too but for glibc's rare one-ulp log errors). Float tensors
   * only. A refused write (see `copy_`) leaves the generator where it was.
   *
   * @example
   * ```ts
   * manualSeed(0);
   * zeros([3]).exponential_(); // torch.manual_seed(0); torch.empty(3).exponential_()
   * ```
   */
  exponential_(lambd = 1, options: { generator?: Generator } = {}): this {
    checkOptions('exponential_', options, ['generator']);
    if (!isFloating(this.dtype)) {
      throw new TypeError(
        `exponential_: expected a floating point tensor, got ${this.dtype}; exponential samples ` +
          'are fractional, so convert it with .float() first',
      );
    }
    const generator = options.generator ?? defaultGenerator;
    const before = generator.getState();
    try {
      const dtype = this.dtype;
      copyInto(
        'exponential_',
        this,
        exponentialTensor(this.shape, lambd, { dtype, backend: this.backend, generator }),
      );
    } catch (error) {
      generator.setState(before);
      throw error;
    }
    return this;
  }

  /** Frees the storage's device buffer now, instead of waiting for garbage collection. */
  dispose(): void {
    this.storage.dispose();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  // ---- reading values back ----

  /** The elements as a new row-major typed array. Works on every backend. */
  async data(): Promise<TypedArray> {
    const c = this.contiguousBuffer();
    return this.backend.read(c, this.dtype);
  }

  /** The elements as a row-major typed array, synchronously (CPU backend). */
  dataSync(): TypedArray {
    const read = this.backend.readSync;
    if (read === undefined) {
      throw new Error(
        `dataSync: the ${this.device} backend cannot read synchronously; use await tensor.data()`,
      );
    }
    return read.call(this.backend, this.contiguousBuffer(), this.dtype);
  }

  /** The value of a one-element tensor as a number. */
  item(): number {
    if (this.numel() !== 1) {
      throw new RangeError(
        `item: a Tensor with ${this.numel()} elements cannot be converted to a number; ` +
          `only one-element tensors can (shape ${formatShape(this.shape)})`,
      );
    }
    return this.dataSync()[0];
  }

  /** The elements as nested arrays (numbers, or booleans for bool tensors). */
  toArray(): NestedArray {
    const flat = this.dataSync();
    const asValue = this.dtype === 'bool' ? (v: number) => v !== 0 : (v: number) => v;
    const build = (dim: number, at: number): NestedArray => {
      if (dim === this.ndim) return asValue(flat[at]);
      const out: NestedArray[] = [];
      const step = numel(this.shape.slice(dim + 1));
      for (let i = 0; i < this.shape[dim]; i++) out.push(build(dim + 1, at + i * step));
      return out;
    };
    return build(0, 0);
  }

  /** Alias of {@link toArray}, PyTorch's name. */
  tolist(): NestedArray {
    return this.toArray();
  }

  /** Prints like PyTorch: `tensor([[1.0000, 2.0000], …])`. */
  toString(): string {
    return formatTensor(this);
  }

  private contiguousBuffer(): unknown {
    if (ownsStorage(this)) {
      return this.buffer;
    }
    return this.backend.copy(this, this.dtype);
  }

  // ---- shape and views ----

  reshape(...shape: ShapeArgs): Tensor {
    return views.reshape(this, shapeFromArgs(shape));
  }
  view(...shape: ShapeArgs): Tensor {
    return views.view(this, shapeFromArgs(shape));
  }
  permute(...dims: ShapeArgs): Tensor {
    return views.permute(this, shapeFromArgs(dims));
  }
  transpose(dim0: number, dim1: number): Tensor {
    return views.transpose(this, dim0, dim1);
  }
  /** Transpose of a 2-D tensor (PyTorch's `.T`, for matrices). */
  get T(): Tensor {
    return views.t(this);
  }
  /** Transpose of the last two dims. */
  get mT(): Tensor {
    return views.transpose(this, -2, -1);
  }
  unsqueeze(dim: number): Tensor {
    return views.unsqueeze(this, dim);
  }
  squeeze(dim?: number): Tensor {
    return views.squeeze(this, dim);
  }
  expand(...shape: ShapeArgs): Tensor {
    return views.expand(this, shapeFromArgs(shape));
  }
  expandAs(other: Tensor): Tensor {
    return views.expand(this, other.shape);
  }
  flatten(startDim = 0, endDim = -1): Tensor {
    return views.flatten(this, startDim, endDim);
  }
  narrow(dim: number, start: number | Tensor, length: number | Tensor): Tensor {
    return views.narrow(this, dim, start, length);
  }
  slice(
    dim: number,
    start?: number | Tensor,
    end?: number | Tensor,
    step: number | Tensor = 1,
  ): Tensor {
    return views.slice(this, dim, start, end, step);
  }
  /** The sub-tensor at `index` along `dim`, with that dim removed (`x.select(0, i)` is `x[i]`). */
  select(dim: number, index: number | Tensor): Tensor {
    return views.select(this, dim, index);
  }
  contiguous(): Tensor {
    return views.contiguous(this);
  }
  /** A contiguous copy with its own storage; gradients flow back to this tensor. */
  clone(): Tensor {
    return views.clone(this);
  }

  // ---- dtype ----

  /**
   * Converts to another dtype (`x.to('float64')`), or copies to another backend
   * (`x.to(gpuBackend)`): the copy is a new leaf with the same `requiresGrad`.
   */
  to(target: DType | Backend): Tensor {
    if (typeof target === 'string') return cast(this, target);
    if (target === this.backend) return this;
    const values = this.dataSync();
    const copy = new Tensor(
      new Storage(target, target.upload(values, this.dtype), values.length),
      [...this.shape],
      contiguousStrides(this.shape),
      0,
      this.dtype,
    );
    copy.requiresGrad = this.requiresGrad;
    return copy;
  }
  float(): Tensor {
    return cast(this, 'float32');
  }
  double(): Tensor {
    return cast(this, 'float64');
  }
  int(): Tensor {
    return cast(this, 'int32');
  }
  bool(): Tensor {
    return cast(this, 'bool');
  }

  // ---- elementwise ----

  add(other: TensorLike): Tensor {
    return binary.add(this, other);
  }
  sub(other: TensorLike): Tensor {
    return binary.sub(this, other);
  }
  mul(other: TensorLike): Tensor {
    return binary.mul(this, other);
  }
  div(other: TensorLike): Tensor {
    return binary.div(this, other);
  }
  pow(exponent: TensorLike): Tensor {
    return binary.pow(this, exponent);
  }
  maximum(other: TensorLike): Tensor {
    return binary.maximum(this, other);
  }
  minimum(other: TensorLike): Tensor {
    return binary.minimum(this, other);
  }
  eq(other: TensorLike): Tensor {
    return binary.eq(this, other);
  }
  ne(other: TensorLike): Tensor {
    return binary.ne(this, other);
  }
  lt(other: TensorLike): Tensor {
    return binary.lt(this, other);
  }
  le(other: TensorLike): Tensor {
    return binary.le(this, other);
  }
  gt(other: TensorLike): Tensor {
    return binary.gt(this, other);
  }
  ge(other: TensorLike): Tensor {
    return binary.ge(this, other);
  }
  neg(): Tensor {
    return unary.neg(this);
  }
  abs(): Tensor {
    return unary.abs(this);
  }
  sign(): Tensor {
    return unary.sign(this);
  }
  exp(): Tensor {
    return unary.exp(this);
  }
  log(): Tensor {
    return unary.log(this);
  }
  sqrt(): Tensor {
    return unary.sqrt(this);
  }
  rsqrt(): Tensor {
    return unary.rsqrt(this);
  }
  erf(): Tensor {
    return unary.erf(this);
  }
  tanh(): Tensor {
    return unary.tanh(this);
  }
  sigmoid(): Tensor {
    return unary.sigmoid(this);
  }
  relu(): Tensor {
    return unary.relu(this);
  }
  sin(): Tensor {
    return unary.sin(this);
  }
  cos(): Tensor {
    return unary.cos(this);
  }
  square(): Tensor {
    return binary.mul(this, this);
  }
  logicalNot(): Tensor {
    return unary.logicalNot(this);
  }
  clamp(min?: number | null, max?: number | null): Tensor {
    return clamp(this, min, max);
  }

  // ---- reductions ----

  sum(dim?: number | readonly number[], keepdim = false): Tensor {
    return reduce.sum(this, dim, keepdim);
  }
  mean(dim?: number | readonly number[], keepdim = false): Tensor {
    return reduce.mean(this, dim, keepdim);
  }
  amax(dim?: number | readonly number[], keepdim = false): Tensor {
    return reduce.amax(this, dim, keepdim);
  }
  amin(dim?: number | readonly number[], keepdim = false): Tensor {
    return reduce.amin(this, dim, keepdim);
  }
  /** Without `dim`: the largest element. With `dim`: `{ values, indices }` along it. */
  max(): Tensor;
  max(dim: number, keepdim?: boolean): reduce.ValuesIndices;
  max(dim?: number, keepdim = false): Tensor | reduce.ValuesIndices {
    return dim === undefined ? reduce.amax(this) : reduce.max(this, dim, keepdim);
  }
  /** Without `dim`: the smallest element. With `dim`: `{ values, indices }` along it. */
  min(): Tensor;
  min(dim: number, keepdim?: boolean): reduce.ValuesIndices;
  min(dim?: number, keepdim = false): Tensor | reduce.ValuesIndices {
    return dim === undefined ? reduce.amin(this) : reduce.min(this, dim, keepdim);
  }
  argmax(dim?: number, keepdim = false): Tensor {
    return reduce.argmax(this, dim, keepdim);
  }
  argmin(dim?: number, keepdim = false): Tensor {
    return reduce.argmin(this, dim, keepdim);
  }
  var(dim?: number | readonly number[], options: reduce.VarianceOptions = {}): Tensor {
    return reduce.variance(this, dim, options);
  }
  std(dim?: number | readonly number[], options: reduce.VarianceOptions = {}): Tensor {
    return reduce.std(this, dim, options);
  }
  logsumexp(dim: number | readonly number[], keepdim = false): Tensor {
    return reduce.logsumexp(this, dim, keepdim);
  }
  norm(p: number = 2, dim?: number | readonly number[], keepdim = false): Tensor {
    return reduce.norm(this, p, dim, keepdim);
  }

  // ---- linear algebra and indexing ----

  matmul(other: Tensor): Tensor {
    return matmul(this, other);
  }
  gather(dim: number, index: Tensor): Tensor {
    return gather(this, dim, index);
  }
  scatterAdd(dim: number, index: Tensor, src: Tensor): Tensor {
    return scatterAdd(this, dim, index, src);
  }
  indexSelect(dim: number, index: Tensor): Tensor {
    return indexSelect(this, dim, index);
  }

  // ---- masks, top-k and splitting ----

  /** The lower triangle of the last two dims (see {@link tril}). */
  tril(diagonal: number | Tensor = 0): Tensor {
    return tril(this, diagonal);
  }
  /** The upper triangle of the last two dims (see {@link triu}). */
  triu(diagonal: number | Tensor = 0): Tensor {
    return triu(this, diagonal);
  }
  /** `value` where the bool `mask` is true, this tensor elsewhere (see {@link maskedFill}). */
  maskedFill(mask: Tensor, value: number | boolean | Tensor): Tensor {
    return maskedFill(this, mask, value);
  }
  /** `{ values, indices }` of the `k` largest (or smallest) along a dim (see {@link topk}). */
  topk(k: number | Tensor, options: TopkOptions = {}): reduce.ValuesIndices {
    return topk(this, k, options);
  }
  /** Views of pieces of `splitSizeOrSections` along `dim` (see {@link split}). */
  split(splitSizeOrSections: number | Tensor | readonly (number | Tensor)[], dim = 0): Tensor[] {
    return split(this, splitSizeOrSections, dim);
  }
  /** At most `chunks` views of equal size along `dim` (see {@link chunk}). */
  chunk(chunks: number | Tensor, dim = 0): Tensor[] {
    return chunk(this, chunks, dim);
  }

  // ---- sampling ----

  /** Draws category indices from these weights, like `torch.multinomial` ({@link multinomial}). */
  multinomial(numSamples: number, options: MultinomialOptions = {}): Tensor {
    return multinomial(this, numSamples, options);
  }
}

function checkAssignedGrad(t: Tensor, value: unknown): asserts value is Tensor {
  if (!(value instanceof Tensor)) {
    throw new TypeError(
      `grad: assigned grad expected to be a Tensor or null, got ${value === undefined ? 'undefined' : typeof value}`,
    );
  }
  if (!sameShape(value.shape, t.shape)) {
    throw new RangeError(
      `grad: assigned grad has data of a different size: ${formatShape(value.shape)} for a tensor ` +
        `of shape ${formatShape(t.shape)}; give it the tensor's shape`,
    );
  }
  if (value.dtype !== t.dtype) {
    throw new TypeError(
      `grad: assigned grad has data of a different type (${value.dtype}) than the tensor ` +
        `(${t.dtype}); convert it with .to('${t.dtype}')`,
    );
  }
  if (value.backend !== t.backend) {
    throw new TypeError(
      `grad: assigned grad has data located on a different device (${value.device}) than the ` +
        `tensor (${t.device}); move it with .to(tensor.backend)`,
    );
  }
}
