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
  /** The backend buffer the view reads. */
  readonly buffer: B;
  /** The element type of the buffer. */
  readonly dtype: DType;
  /** The size of each dim of the view. */
  readonly shape: readonly number[];
  /** Elements to skip in the buffer per step along each dim (0 where the view broadcasts). */
  readonly strides: readonly number[];
  /** Index in the buffer of the view's first element. */
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
  /** `op` applied to each element of `x`, written as `dtype`. */
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

  /**
   * Optional fused kernels. Ops use the ones a backend provides and compose the rest from the
   * kernels above, so a backend may implement any subset (or none).
   */
  readonly fused?: Partial<FusedKernels<B>>;
}

/** `'none'`: GELU with the exact erf; `'tanh'`: its tanh approximation. */
export type GeluApproximate = 'none' | 'tanh';

/** The hyperparameters of one Adam/AdamW update, as `torch.optim` spells them. */
export interface AdamStepOptions {
  /** The learning rate. */
  readonly lr: number;
  /** The first moment's decay rate (`betas[0]`). */
  readonly beta1: number;
  /** The second moment's decay rate (`betas[1]`). */
  readonly beta2: number;
  /** Added to the denominator's square root, for stability. */
  readonly eps: number;
  /** The weight decay factor (0 for none). */
  readonly weightDecay: number;
  /** `true`: AdamW's decoupled decay `p *= 1 - lr·wd`; `false`: Adam's `g += wd·p`. */
  readonly decoupled: boolean;
  /** The 1-based step count, for bias correction. */
  readonly step: number;
}

/**
 * Fused kernels a {@link Backend} may offer: one launch where the composition takes several.
 * Every input view is contiguous (row-major strides; the offset may be non-zero). Row kernels
 * treat the input as `[rows, cols]` with `cols` the size of the last dim, and return buffers of
 * the input's shape (statistics have one element per row).
 */
export interface FusedKernels<B> {
  /** GELU elementwise. */
  gelu(x: View<B>, approximate: GeluApproximate, dtype: DType): B;
  /** `grad · gelu'(x)` elementwise. */
  geluBackward(grad: View<B>, x: View<B>, approximate: GeluApproximate, dtype: DType): B;
  /** Softmax (or log-softmax when `log`) over the last dim. */
  softmax(x: View<B>, log: boolean, dtype: DType): B;
  /** The input gradient of {@link softmax} from its output and the output's gradient. */
  softmaxBackward(grad: View<B>, output: View<B>, log: boolean, dtype: DType): B;
  /**
   * Normalises each row to zero mean and unit variance (biased), then applies `weight` and
   * `bias` (shape `[cols]`) when given. Returns the output, and each row's mean and `1/σ`.
   */
  layerNorm(
    x: View<B>,
    weight: View<B> | null,
    bias: View<B> | null,
    eps: number,
    dtype: DType,
  ): {
    /** The normalised rows, with `weight` and `bias` applied, of the input's shape. */
    output: B;
    /** Each row's mean (`[rows]`). */
    mean: B;
    /** Each row's `1 / sqrt(variance + eps)` (`[rows]`). */
    rstd: B;
  };
  /** Gradients of {@link layerNorm}: input `[rows, cols]`, weight and bias `[cols]`. */
  layerNormBackward(
    grad: View<B>,
    x: View<B>,
    mean: View<B>,
    rstd: View<B>,
    weight: View<B> | null,
    dtype: DType,
  ): {
    /** The input's gradient, `[rows, cols]`. */
    gradInput: B;
    /** The weight's gradient, `[cols]`. */
    gradWeight: B;
    /** The bias's gradient, `[cols]`. */
    gradBias: B;
  };
  /**
   * Cross entropy of `[rows, cols]` logits against int32 class indices `target` (`[rows]`, each
   * in `[0, cols)` or equal to `ignoreIndex`, which rows count for nothing). Returns the loss
   * (1 element: the mean over the kept rows when `mean`, else their sum), the number of kept
   * rows (1 element) and each row's log-sum-exp (`[rows]`), which the backward reuses.
   */
  crossEntropy(
    logits: View<B>,
    target: View<B>,
    ignoreIndex: number,
    mean: boolean,
    dtype: DType,
  ): {
    /** The loss, 1 element: the mean over the kept rows when `mean`, else their sum. */
    loss: B;
    /** The number of kept rows, 1 element. */
    count: B;
    /** Each row's log-sum-exp of the logits (`[rows]`), for the backward. */
    logSumExp: B;
  };
  /**
   * The logits' gradient of {@link crossEntropy}: `scale · (softmax(x) − onehot(target))` on
   * kept rows and 0 on ignored ones; `scale` is a 1-element buffer (the loss gradient, divided
   * by the count for a mean).
   */
  crossEntropyBackward(
    scale: View<B>,
    logits: View<B>,
    target: View<B>,
    logSumExp: View<B>,
    ignoreIndex: number,
    dtype: DType,
  ): B;
  /**
   * One Adam/AdamW update of a parameter in torch.optim's order of float operations. `param`,
   * `expAvg` and `expAvgSq` span their whole buffers (offset 0). Returns the new parameter and
   * moments; a backend may update the given buffers in place and return them.
   */
  adamStep(
    param: View<B>,
    grad: View<B>,
    expAvg: View<B>,
    expAvgSq: View<B>,
    options: AdamStepOptions,
    dtype: DType,
  ): {
    /** The updated parameter. */
    param: B;
    /** The updated first moment (running mean of the gradient). */
    expAvg: B;
    /** The updated second moment (running mean of the squared gradient). */
    expAvgSq: B;
  };
  /**
   * Scaled dot-product attention, one `[L, S]` problem per batch entry:
   * `softmax(q·kᵀ·scale + mask)·v`. `q` is `[batch, L, E]`, `k` `[batch, S, E]` and `v`
   * `[batch, S, Ev]`. `mask` is null or a view of shape `[...batchDims, L, S]` whose batch dims
   * multiply to `batch`, with any strides (0 where it broadcasts; the one exception to
   * contiguous inputs): bool (false: the key takes no part) or of `dtype` (added to the scores).
   * `causal` keeps key `j` for query `i` only where `j ≤ i` (top-left aligned). `dropout` is null
   * or a contiguous `[batch, L, S]` of multipliers (0 or `1/(1−p)`) applied to the
   * probabilities. A row that keeps no key gives zeros (and a log-sum-exp of −∞). Returns the
   * output (`[batch, L, Ev]`) and each row's log-sum-exp of the scores (`[batch, L]`), which the
   * backward reuses. At most one `L×S` buffer per head (scores turned into probabilities in
   * place), and none is kept. Optional, as every fused kernel is: a backend without it gets
   * attention composed from its other kernels.
   */
  attention?(
    q: View<B>,
    k: View<B>,
    v: View<B>,
    mask: View<B> | null,
    dropout: View<B> | null,
    options: { readonly causal: boolean; readonly scale: number },
    dtype: DType,
  ): {
    /** The attention output, `[batch, L, Ev]`. */
    output: B;
    /** Each query row's log-sum-exp of the scores, `[batch, L]`, for the backward. */
    logSumExp: B;
  };
  /**
   * The gradients of {@link attention}'s `q`, `k` and `v` from the output's gradient `grad`
   * (`[batch, L, Ev]`), the forward's inputs, output and log-sum-exp (`[batch, L]`), the mask
   * and dropout as the forward got them. The probabilities are recomputed from the log-sum-exp;
   * with `causal`, keys after the query are skipped, never masked. Rows that kept no key
   * contribute nothing. Returns buffers of the shapes of `q`, `k` and `v`.
   */
  attentionBackward?(
    grad: View<B>,
    q: View<B>,
    k: View<B>,
    v: View<B>,
    output: View<B>,
    logSumExp: View<B>,
    mask: View<B> | null,
    dropout: View<B> | null,
    options: { readonly causal: boolean; readonly scale: number },
    dtype: DType,
  ): {
    /** The gradient of `q`, of its shape. */
    gradQ: B;
    /** The gradient of `k`, of its shape. */
    gradK: B;
    /** The gradient of `v`, of its shape. */
    gradV: B;
  };
}
