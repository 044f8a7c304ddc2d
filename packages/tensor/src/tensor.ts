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
  /**
   * Node of the graph that produced this tensor (`torch.Tensor.grad_fn`), set by the gradient
   * engine.
   */
  gradFn: unknown = null;
  private gradValue: Tensor | null = null;
  private requiresGradFlag = false;

  /**
   * Wraps existing storage; user code creates tensors with `tensor()`, `zeros()`, `randn()` and
   * the other factories instead.
   *
   * @param storage - The buffer and its backend, shared by every view of it.
   * @param shape - The size of each dim.
   * @param strides - Elements to skip per step along each dim.
   * @param offset - Index of the first element in the storage.
   * @param dtype - The element type.
   */
  constructor(
    /**
     * The buffer and its backend, shared by every view of it (`torch.Tensor.untyped_storage()`).
     */
    readonly storage: Storage,
    /** The size of each dim (PyTorch's `.shape`; `size()` returns a copy). */
    readonly shape: readonly number[],
    /** Elements to skip per step along each dim (`torch.Tensor.stride()`). */
    readonly strides: readonly number[],
    /** Index of the first element in the storage (`torch.Tensor.storage_offset()`). */
    readonly offset: number,
    /** The element type: `'float32'`, `'float64'`, `'int32'` or `'bool'` (`torch.Tensor.dtype`). */
    readonly dtype: DType,
  ) {}

  /**
   * The backend buffer (shared with every view of the same storage); torchlet's own, no PyTorch
   * counterpart.
   */
  get buffer(): unknown {
    if (this.storage.disposed) {
      throw new Error(`Tensor ${formatShape(this.shape)}: used after dispose()`);
    }
    return this.storage.buffer;
  }

  /**
   * The backend this tensor lives on: PyTorch's `.device` as an object, which `to(backend)` takes.
   */
  get backend(): Backend {
    return this.storage.backend;
  }

  /** The device name, e.g. `'cpu'` (PyTorch's `.device`). */
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

  /**
   * Assigns the gradient: `null`, or a Tensor of this tensor's shape, dtype and device (anything
   * else is an error, as in PyTorch).
   */
  set grad(value: Tensor | null) {
    if (value !== null) checkAssignedGrad(this, value);
    this.gradValue = value;
  }

  /** Whether gradients flow to this tensor (`torch.Tensor.requires_grad`). Float tensors only. */
  get requiresGrad(): boolean {
    return this.requiresGradFlag;
  }

  /**
   * Turns gradient tracking on or off (`x.requires_grad = True`); a TypeError for integer and bool
   * dtypes.
   */
  set requiresGrad(value: boolean) {
    if (value && !isFloating(this.dtype)) {
      throw new TypeError(
        `requiresGrad: only tensors of floating point dtype can require gradients, got ` +
          `${this.dtype}; convert first with .float()`,
      );
    }
    this.requiresGradFlag = value;
  }

  /** True for tensors the user created, not produced by a recorded op (`torch.Tensor.is_leaf`). */
  get isLeaf(): boolean {
    return this.gradFn === null;
  }

  /** Number of dimensions (`torch.Tensor.ndim`). */
  get ndim(): number {
    return this.shape.length;
  }

  /** Number of dimensions (PyTorch's `dim()`). */
  dim(): number {
    return this.shape.length;
  }

  /** Number of elements (`torch.Tensor.numel`). */
  numel(): number {
    return numel(this.shape);
  }

  /** The shape as a new array, or the size of one dim (`torch.Tensor.size`). */
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number[] | number {
    if (dim === undefined) return [...this.shape];
    return this.shape[normalizeDim('size', dim, this.ndim)];
  }

  /** Whether the elements are laid out row-major with no gaps (`torch.Tensor.is_contiguous`). */
  isContiguous(): boolean {
    return isContiguous(this.shape, this.strides);
  }

  /** Sets `requiresGrad` in place and returns this tensor, like PyTorch's `requires_grad_()`. */
  requiresGrad_(value = true): this {
    this.requiresGrad = value;
    return this;
  }

  /** A tensor sharing this one's storage, cut off from the graph (`torch.Tensor.detach`). */
  detach(): Tensor {
    return new Tensor(this.storage, this.shape, this.strides, this.offset, this.dtype);
  }

  /**
   * Computes the gradient of this tensor with respect to the graph leaves, accumulating into
   * their `.grad` (`torch.Tensor.backward`). A non-scalar tensor needs `gradient`, the upstream
   * gradient of its own shape. Needs `@torchlet/autograd` to be imported.
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
  /**
   * Sets every element to `value` (a number, a boolean or a 0-d tensor), like `torch.Tensor.fill_`.
   */
  fill_(value: number | boolean | Tensor): this {
    copyInto('fill_', this, value);
    return this;
  }
  /** Sets every element to 0 (`torch.Tensor.zero_`). */
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

  /**
   * Frees the storage's device buffer now, instead of waiting for garbage collection (torchlet's
   * own: PyTorch frees a tensor when its last reference goes).
   */
  dispose(): void {
    this.storage.dispose();
  }

  /**
   * Frees the storage when a `using` declaration leaves its scope; the same as `dispose()`.
   *
   * @example
   * ```ts
   * {
   *   using tmp = randn([1024, 1024]);
   *   tmp.sum().item();
   * } // tmp's buffer is freed here
   * ```
   */
  [Symbol.dispose](): void {
    this.dispose();
  }

  // ---- reading values back ----

  /**
   * The elements as a new row-major typed array, on every backend (PyTorch's `.numpy()`, awaited).
   */
  async data(): Promise<TypedArray> {
    const c = this.contiguousBuffer();
    return this.backend.read(c, this.dtype);
  }

  /**
   * The elements as a row-major typed array, synchronously (PyTorch's `.numpy()`; the CPU backend).
   */
  dataSync(): TypedArray {
    const read = this.backend.readSync;
    if (read === undefined) {
      throw new Error(
        `dataSync: the ${this.device} backend cannot read synchronously; use await tensor.data()`,
      );
    }
    return read.call(this.backend, this.contiguousBuffer(), this.dtype);
  }

  /** The value of a one-element tensor as a number (`torch.Tensor.item`). */
  item(): number {
    if (this.numel() !== 1) {
      throw new RangeError(
        `item: a Tensor with ${this.numel()} elements cannot be converted to a number; ` +
          `only one-element tensors can (shape ${formatShape(this.shape)})`,
      );
    }
    return this.dataSync()[0];
  }

  /**
   * The elements as nested arrays, numbers or booleans for bool tensors (`torch.Tensor.tolist`).
   */
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

  /** Alias of {@link toArray}, PyTorch's name (`torch.Tensor.tolist`). */
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

  /**
   * The same elements in a new shape (`torch.Tensor.reshape`): a view when the strides allow one,
   * else a copy. One size may be `-1`, inferred from the others; the shape may be an array or
   * varargs.
   *
   * @example
   * ```ts
   * arange(6).reshape(2, -1).shape; // [2, 3]
   * arange(6).reshape([3, 2]).shape; // [3, 2]
   * ```
   */
  reshape(...shape: ShapeArgs): Tensor {
    return views.reshape(this, shapeFromArgs(shape));
  }
  /**
   * A view with a new shape (`torch.Tensor.view`); throws when the strides do not allow one (after
   * a `transpose`, say): use `reshape` there. One size may be `-1`.
   */
  view(...shape: ShapeArgs): Tensor {
    return views.view(this, shapeFromArgs(shape));
  }
  /**
   * Reorders the dims, `out.shape[i] = this.shape[dims[i]]` (`torch.Tensor.permute`). A view.
   *
   * @example
   * ```ts
   * randn([2, 3, 4]).permute(2, 0, 1).shape; // [4, 2, 3]
   * ```
   */
  permute(...dims: ShapeArgs): Tensor {
    return views.permute(this, shapeFromArgs(dims));
  }
  /**
   * Swaps dims `dim0` and `dim1` (`torch.Tensor.transpose`). A view: follow it with `contiguous()`
   * or `reshape` where a row-major layout is needed.
   */
  transpose(dim0: number, dim1: number): Tensor {
    return views.transpose(this, dim0, dim1);
  }
  /** Transpose of a 2-D tensor (PyTorch's `.T`, for matrices). */
  get T(): Tensor {
    return views.t(this);
  }
  /** Transpose of the last two dims (PyTorch's `.mT`). A view. */
  get mT(): Tensor {
    return views.transpose(this, -2, -1);
  }
  /**
   * Inserts a size-1 dim at `dim`, which may be `ndim` or negative (`torch.Tensor.unsqueeze`). A
   * view.
   *
   * @example
   * ```ts
   * tensor([1, 2]).unsqueeze(0).shape; // [1, 2]
   * tensor([1, 2]).unsqueeze(-1).shape; // [2, 1]
   * ```
   */
  unsqueeze(dim: number): Tensor {
    return views.unsqueeze(this, dim);
  }
  /**
   * Removes size-1 dims: all of them, or only `dim` (left as it is when its size is not 1)
   * (`torch.Tensor.squeeze`). A view.
   */
  squeeze(dim?: number): Tensor {
    return views.squeeze(this, dim);
  }
  /**
   * Broadcasts size-1 dims to `shape` without copying (`torch.Tensor.expand`): expanded dims get
   * stride 0, new dims are prepended, and `-1` keeps a size.
   *
   * @example
   * ```ts
   * tensor([[1], [2]]).expand(2, 3); // tensor([[1., 1., 1.], [2., 2., 2.]])
   * ```
   */
  expand(...shape: ShapeArgs): Tensor {
    return views.expand(this, shapeFromArgs(shape));
  }
  /** Expands to `other`'s shape (`torch.Tensor.expand_as`); see `expand`. */
  expandAs(other: Tensor): Tensor {
    return views.expand(this, other.shape);
  }
  /**
   * Merges dims `startDim..endDim` (inclusive; all dims by default) into one
   * (`torch.Tensor.flatten`). A view when the layout allows one, else a copy.
   *
   * @example
   * ```ts
   * randn([2, 3, 4]).flatten(1).shape; // [2, 12]
   * ```
   */
  flatten(startDim = 0, endDim = -1): Tensor {
    return views.flatten(this, startDim, endDim);
  }
  /**
   * A view of `length` elements along `dim`, from `start` (`torch.Tensor.narrow`); out-of-range
   * bounds are an error.
   */
  narrow(dim: number, start: number | Tensor, length: number | Tensor): Tensor {
    return views.narrow(this, dim, start, length);
  }
  /**
   * Python's slice `[start:end:step]` along `dim` (PyTorch's `x[:, 1:3]` is `x.slice(1, 1, 3)`):
   * negative indices count from the end and out-of-range bounds are clamped. A view.
   *
   * @example
   * ```ts
   * arange(10).slice(0, 2, 8, 3); // tensor([2, 5], dtype=int32), torch.arange(10)[2:8:3]
   * ```
   */
  slice(
    dim: number,
    start?: number | Tensor,
    end?: number | Tensor,
    step: number | Tensor = 1,
  ): Tensor {
    return views.slice(this, dim, start, end, step);
  }
  /**
   * The sub-tensor at `index` along `dim`, that dim removed (`torch.Tensor.select`; `x.select(0,
   * i)` is `x[i]`).
   */
  select(dim: number, index: number | Tensor): Tensor {
    return views.select(this, dim, index);
  }
  /**
   * This tensor when it is row-major without gaps, else a contiguous copy
   * (`torch.Tensor.contiguous`).
   */
  contiguous(): Tensor {
    return views.contiguous(this);
  }
  /**
   * A contiguous copy with its own storage; gradients flow back to this tensor
   * (`torch.Tensor.clone`).
   */
  clone(): Tensor {
    return views.clone(this);
  }

  // ---- dtype ----

  /**
   * Converts to another dtype (`x.to('float64')`), or copies to another backend
   * (`x.to(gpuBackend)`): the copy is a new leaf with the same `requiresGrad` (`torch.Tensor.to`).
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
  /** Converts to float32 (`torch.Tensor.float`); returns this tensor when it is float32 already. */
  float(): Tensor {
    return cast(this, 'float32');
  }
  /**
   * Converts to float64 (`torch.Tensor.double`); returns this tensor when it is float64 already.
   */
  double(): Tensor {
    return cast(this, 'float64');
  }
  /**
   * Converts to int32 (`torch.Tensor.int`), truncating toward zero. NaN, ±Infinity and values
   * outside int32 are a RangeError on the CPU backend. int32 is torchlet's only integer dtype, so
   * this is also where PyTorch code calls `.long()`.
   */
  int(): Tensor {
    return cast(this, 'int32');
  }
  /** Converts to bool, `this != 0` (`torch.Tensor.bool`). */
  bool(): Tensor {
    return cast(this, 'bool');
  }

  // ---- elementwise ----

  /**
   * Elementwise `this + other`, broadcasting (`torch.Tensor.add`, Python's `+`). A number acts as a
   * 0-d tensor that takes this tensor's dtype, as PyTorch's Python scalars do. There is no `alpha`:
   * write `x.add(y.mul(alpha))`.
   *
   * @example
   * ```ts
   * tensor([1, 2]).add(tensor([[10], [20]])); // tensor([[11., 12.], [21., 22.]])
   * tensor([1, 2]).add(1); // tensor([2., 3.])
   * ```
   */
  add(other: TensorLike): Tensor {
    return binary.add(this, other);
  }
  /** Elementwise `this - other`, broadcasting (`torch.Tensor.sub`, Python's `-`). */
  sub(other: TensorLike): Tensor {
    return binary.sub(this, other);
  }
  /**
   * Elementwise `this * other`, broadcasting (`torch.Tensor.mul`, Python's `*`). int32 products
   * wrap around as PyTorch's int32 does.
   *
   * @example
   * ```ts
   * tensor([1, 2, 3]).mul(2); // tensor([2., 4., 6.])
   * ```
   */
  mul(other: TensorLike): Tensor {
    return binary.mul(this, other);
  }
  /**
   * True division `this / other`, broadcasting (`torch.Tensor.div`, Python's `/`); integer inputs
   * give float32, as in PyTorch. There is no `rounding_mode`.
   */
  div(other: TensorLike): Tensor {
    return binary.div(this, other);
  }
  /**
   * `this ** exponent` elementwise, broadcasting (`torch.Tensor.pow`, Python's `**`). An int32 or
   * bool tensor to a negative integer number is an error, as in PyTorch.
   *
   * @example
   * ```ts
   * tensor([2, 3]).pow(2); // tensor([4., 9.])
   * ```
   */
  pow(exponent: TensorLike): Tensor {
    return binary.pow(this, exponent);
  }
  /**
   * Elementwise maximum of the two, broadcasting; NaN propagates (`torch.Tensor.maximum`). `max`
   * is the reduction.
   */
  maximum(other: TensorLike): Tensor {
    return binary.maximum(this, other);
  }
  /**
   * Elementwise minimum of the two, broadcasting; NaN propagates (`torch.Tensor.minimum`). `min`
   * is the reduction.
   */
  minimum(other: TensorLike): Tensor {
    return binary.minimum(this, other);
  }
  /**
   * `this == other` elementwise, as a bool tensor (`torch.Tensor.eq`, Python's `==`).
   *
   * @example
   * ```ts
   * tensor([1, 2, 3]).eq(2); // tensor([False,  True, False])
   * ```
   */
  eq(other: TensorLike): Tensor {
    return binary.eq(this, other);
  }
  /** `this != other` elementwise, as a bool tensor (`torch.Tensor.ne`, Python's `!=`). */
  ne(other: TensorLike): Tensor {
    return binary.ne(this, other);
  }
  /** `this < other` elementwise, as a bool tensor (`torch.Tensor.lt`, Python's `<`). */
  lt(other: TensorLike): Tensor {
    return binary.lt(this, other);
  }
  /** `this <= other` elementwise, as a bool tensor (`torch.Tensor.le`, Python's `<=`). */
  le(other: TensorLike): Tensor {
    return binary.le(this, other);
  }
  /** `this > other` elementwise, as a bool tensor (`torch.Tensor.gt`, Python's `>`). */
  gt(other: TensorLike): Tensor {
    return binary.gt(this, other);
  }
  /** `this >= other` elementwise, as a bool tensor (`torch.Tensor.ge`, Python's `>=`). */
  ge(other: TensorLike): Tensor {
    return binary.ge(this, other);
  }
  /** `-this` (`torch.Tensor.neg`). Keeps int32; bool gives int32. */
  neg(): Tensor {
    return unary.neg(this);
  }
  /** `|this|` elementwise (`torch.Tensor.abs`). Keeps int32; bool gives int32. */
  abs(): Tensor {
    return unary.abs(this);
  }
  /** -1, 0 or 1 by the sign of each element (`torch.Tensor.sign`); its gradient is 0. */
  sign(): Tensor {
    return unary.sign(this);
  }
  /** `e ** this` elementwise (`torch.Tensor.exp`); int32 and bool give float32. */
  exp(): Tensor {
    return unary.exp(this);
  }
  /** Natural logarithm elementwise (`torch.Tensor.log`); int32 and bool give float32. */
  log(): Tensor {
    return unary.log(this);
  }
  /** Square root elementwise (`torch.Tensor.sqrt`); int32 and bool give float32. */
  sqrt(): Tensor {
    return unary.sqrt(this);
  }
  /** `1 / sqrt(this)` elementwise (`torch.Tensor.rsqrt`); int32 and bool give float32. */
  rsqrt(): Tensor {
    return unary.rsqrt(this);
  }
  /** The Gauss error function elementwise (`torch.Tensor.erf`); int32 and bool give float32. */
  erf(): Tensor {
    return unary.erf(this);
  }
  /** Hyperbolic tangent elementwise (`torch.Tensor.tanh`); int32 and bool give float32. */
  tanh(): Tensor {
    return unary.tanh(this);
  }
  /** `1 / (1 + e ** -this)` elementwise (`torch.Tensor.sigmoid`); int32 and bool give float32. */
  sigmoid(): Tensor {
    return unary.sigmoid(this);
  }
  /** `max(this, 0)` elementwise (`torch.Tensor.relu`). Keeps int32; bool gives int32. */
  relu(): Tensor {
    return unary.relu(this);
  }
  /** Sine elementwise (`torch.Tensor.sin`); int32 and bool give float32. */
  sin(): Tensor {
    return unary.sin(this);
  }
  /** Cosine elementwise (`torch.Tensor.cos`); int32 and bool give float32. */
  cos(): Tensor {
    return unary.cos(this);
  }
  /** `this * this` (`torch.Tensor.square`). */
  square(): Tensor {
    return binary.mul(this, this);
  }
  /** `!this` as a bool tensor: true where an element is 0 (`torch.Tensor.logical_not`). */
  logicalNot(): Tensor {
    return unary.logicalNot(this);
  }
  /**
   * Limits each element to `[min, max]`; leave a bound out (or pass `null`) to skip it
   * (`torch.Tensor.clamp`). The gradient is 1 inside the bounds (inclusive), 0 outside.
   *
   * @example
   * ```ts
   * tensor([-2, 0.5, 3]).clamp(0, 1); // tensor([0.0000, 0.5000, 1.0000])
   * tensor([-2, 0.5, 3]).clamp(null, 1); // tensor([-2.0000,  0.5000,  1.0000])
   * ```
   */
  clamp(min?: number | null, max?: number | null): Tensor {
    return clamp(this, min, max);
  }

  // ---- reductions ----

  /**
   * Sum over `dim`, one dim or several (all by default), keeping them as size 1 when `keepdim`
   * (`torch.Tensor.sum`). int32 and bool tensors sum exactly to int32 (PyTorch: int64); a sum that
   * leaves int32 is a RangeError, never a wrap-around.
   *
   * @example
   * ```ts
   * tensor([[1, 2], [3, 4]]).sum(0); // tensor([4., 6.])
   * tensor([[1, 2], [3, 4]]).sum(1, true).shape; // [2, 1]
   * tensor([true, false, true]).sum(); // tensor(2, dtype=int32)
   * ```
   */
  sum(dim?: number | readonly number[], keepdim = false): Tensor {
    return reduce.sum(this, dim, keepdim);
  }
  /**
   * Mean over `dim`, one dim or several (all by default) (`torch.Tensor.mean`). Float tensors only,
   * as in PyTorch: convert integers with `.float()` first.
   *
   * @example
   * ```ts
   * tensor([[1, 2], [3, 4]]).mean(1); // tensor([1.5000, 3.5000])
   * ```
   */
  mean(dim?: number | readonly number[], keepdim = false): Tensor {
    return reduce.mean(this, dim, keepdim);
  }
  /**
   * Largest value over `dim`, one dim or several (all by default) (`torch.Tensor.amax`); ties share
   * the gradient evenly. `max(dim)` also returns the indices.
   */
  amax(dim?: number | readonly number[], keepdim = false): Tensor {
    return reduce.amax(this, dim, keepdim);
  }
  /**
   * Smallest value over `dim`, one dim or several (all by default) (`torch.Tensor.amin`); ties
   * share the gradient evenly. `min(dim)` also returns the indices.
   */
  amin(dim?: number | readonly number[], keepdim = false): Tensor {
    return reduce.amin(this, dim, keepdim);
  }
  /**
   * Without `dim`: the largest element. With `dim`: `{ values, indices }` along it
   * (`torch.Tensor.max`).
   */
  max(): Tensor;
  max(dim: number, keepdim?: boolean): reduce.ValuesIndices;
  max(dim?: number, keepdim = false): Tensor | reduce.ValuesIndices {
    return dim === undefined ? reduce.amax(this) : reduce.max(this, dim, keepdim);
  }
  /**
   * Without `dim`: the smallest element. With `dim`: `{ values, indices }` along it
   * (`torch.Tensor.min`).
   */
  min(): Tensor;
  min(dim: number, keepdim?: boolean): reduce.ValuesIndices;
  min(dim?: number, keepdim = false): Tensor | reduce.ValuesIndices {
    return dim === undefined ? reduce.amin(this) : reduce.min(this, dim, keepdim);
  }
  /**
   * Index of the largest value along `dim`, or in the flattened tensor without `dim`
   * (`torch.Tensor.argmax`), as int32 (PyTorch: int64).
   *
   * @example
   * ```ts
   * tensor([[1, 5], [7, 2]]).argmax(1); // tensor([1, 0], dtype=int32)
   * ```
   */
  argmax(dim?: number, keepdim = false): Tensor {
    return reduce.argmax(this, dim, keepdim);
  }
  /**
   * Index of the smallest value along `dim`, or in the flattened tensor without `dim`
   * (`torch.Tensor.argmin`), as int32 (PyTorch: int64).
   */
  argmin(dim?: number, keepdim = false): Tensor {
    return reduce.argmin(this, dim, keepdim);
  }
  /**
   * Variance over `dim` (all dims by default) (`torch.Tensor.var`). Options instead of keyword
   * arguments: `{ correction = 1, keepdim = false }`; `correction: 1` is PyTorch's default
   * `unbiased=True`, `correction: 0` the population variance.
   *
   * @example
   * ```ts
   * tensor([1, 2, 3, 4]).var(); // tensor(1.6667)
   * tensor([1, 2, 3, 4]).var(0, { correction: 0 }); // tensor(1.2500)
   * ```
   */
  var(dim?: number | readonly number[], options: reduce.VarianceOptions = {}): Tensor {
    return reduce.variance(this, dim, options);
  }
  /**
   * Standard deviation over `dim` (all dims by default) (`torch.Tensor.std`), with the options of
   * `var`: `{ correction = 1, keepdim = false }`.
   */
  std(dim?: number | readonly number[], options: reduce.VarianceOptions = {}): Tensor {
    return reduce.std(this, dim, options);
  }
  /**
   * `log(sum(exp(this)))` over `dim`, computed stably by shifting by the maximum
   * (`torch.Tensor.logsumexp`).
   */
  logsumexp(dim: number | readonly number[], keepdim = false): Tensor {
    return reduce.logsumexp(this, dim, keepdim);
  }
  /**
   * The p-norm over `dim` (all elements by default) (`torch.Tensor.norm`): `p = 2` is the
   * Euclidean norm, `1` the sum of magnitudes, `Infinity` the largest magnitude.
   *
   * @example
   * ```ts
   * tensor([3, 4]).norm(); // tensor(5.)
   * ```
   */
  norm(p: number = 2, dim?: number | readonly number[], keepdim = false): Tensor {
    return reduce.norm(this, p, dim, keepdim);
  }

  // ---- linear algebra and indexing ----

  /**
   * Matrix product with PyTorch's rules (`torch.Tensor.matmul`, Python's `@`): 1-D·1-D is a dot
   * product, a 1-D operand gains a dim for the product and loses it after, and N-D operands are
   * batches of matrices whose batch dims broadcast.
   *
   * @example
   * ```ts
   * tensor([[1, 2], [3, 4]]).matmul(tensor([1, 1])); // tensor([3., 7.])
   * randn([10, 3, 4]).matmul(randn([4, 5])).shape; // [10, 3, 5]
   * ```
   */
  matmul(other: Tensor): Tensor {
    return matmul(this, other);
  }
  /**
   * Picks values along `dim` by an int32 `index`: `out[i][j] = this[i][index[i][j]]` for `dim = 1`,
   * likewise for other dims (`torch.Tensor.gather`). The output has the index's shape.
   *
   * @example
   * ```ts
   * tensor([[1, 2], [3, 4]]).gather(1, tensor([[1], [0]], { dtype: 'int32' })); // [[2], [3]]
   * ```
   */
  gather(dim: number, index: Tensor): Tensor {
    return gather(this, dim, index);
  }
  /**
   * A copy of this tensor with each value of `src` added at the int32 `index` along `dim`; repeated
   * indices accumulate (`torch.Tensor.scatter_add`, out of place; there is no in-place
   * `scatter_add_`).
   */
  scatterAdd(dim: number, index: Tensor, src: Tensor): Tensor {
    return scatterAdd(this, dim, index, src);
  }
  /**
   * The entries at the positions of the 1-D int32 `index` along `dim`
   * (`torch.Tensor.index_select`); `x.indexSelect(0, idx)` is PyTorch's `x[idx]`.
   *
   * @example
   * ```ts
   * const idx = tensor([2, 0], { dtype: 'int32' });
   * tensor([[1, 2], [3, 4], [5, 6]]).indexSelect(0, idx); // tensor([[5., 6.], [1., 2.]])
   * ```
   */
  indexSelect(dim: number, index: Tensor): Tensor {
    return indexSelect(this, dim, index);
  }

  // ---- masks, top-k and splitting ----

  /** The lower triangle of the last two dims (`torch.Tensor.tril`; see {@link tril}). */
  tril(diagonal: number | Tensor = 0): Tensor {
    return tril(this, diagonal);
  }
  /** The upper triangle of the last two dims (`torch.Tensor.triu`; see {@link triu}). */
  triu(diagonal: number | Tensor = 0): Tensor {
    return triu(this, diagonal);
  }
  /** `value` where the bool `mask` is true, this tensor elsewhere (`torch.Tensor.masked_fill`). */
  maskedFill(mask: Tensor, value: number | boolean | Tensor): Tensor {
    return maskedFill(this, mask, value);
  }
  /** `{ values, indices }` of the `k` largest (or smallest) along a dim (`torch.Tensor.topk`). */
  topk(k: number | Tensor, options: TopkOptions = {}): reduce.ValuesIndices {
    return topk(this, k, options);
  }
  /** Views of pieces of `splitSizeOrSections` along `dim` (`torch.Tensor.split`). */
  split(splitSizeOrSections: number | Tensor | readonly (number | Tensor)[], dim = 0): Tensor[] {
    return split(this, splitSizeOrSections, dim);
  }
  /** At most `chunks` views of equal size along `dim` (`torch.Tensor.chunk`). */
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
