import type { Tensor } from './tensor';

/**
 * The differentiable primitives that tensor reports to the gradient engine, with the attributes
 * each one records: 32 of them. Every other op of tensor is a composition of these, so its
 * gradient comes for free. `@torchlet/autograd` keeps one rule per key, checked exhaustively at
 * compile time. Fused ops are not primitives: the package that owns one declares it, with its
 * backward, through autograd's `fusedOp`, and calls the kernels of `Backend.fused`.
 */
export interface PrimitiveAttrs {
  /** `-x`. */
  neg: Record<string, never>;
  /** `|x|`. */
  abs: Record<string, never>;
  /** `e ** x`. */
  exp: Record<string, never>;
  /** Natural logarithm. */
  log: Record<string, never>;
  /** Square root. */
  sqrt: Record<string, never>;
  /** `1 / sqrt(x)`. */
  rsqrt: Record<string, never>;
  /** The Gauss error function. */
  erf: Record<string, never>;
  /** Hyperbolic tangent. */
  tanh: Record<string, never>;
  /** `1 / (1 + e ** -x)`. */
  sigmoid: Record<string, never>;
  /** `max(x, 0)`. */
  relu: Record<string, never>;
  /** Sine. */
  sin: Record<string, never>;
  /** Cosine. */
  cos: Record<string, never>;
  /** `a + b` of two operands already broadcast to one shape (as are the other binary ops). */
  add: Record<string, never>;
  /** `a - b`. */
  sub: Record<string, never>;
  /** `a * b`. */
  mul: Record<string, never>;
  /** `a / b`. */
  div: Record<string, never>;
  /** `a ** b`. */
  pow: Record<string, never>;
  /** Elementwise maximum; ties share the gradient evenly, as in PyTorch. */
  maximum: Record<string, never>;
  /** Elementwise minimum; ties share the gradient evenly, as in PyTorch. */
  minimum: Record<string, never>;
  /** Sum over `dims` of the input (sorted); `keepdim` says whether the output kept them. */
  sum: {
    /** The reduced dims of the input, sorted. */
    dims: number[];
    /** Whether the output kept the reduced dims as size 1. */
    keepdim: boolean;
  };
  /** Max over `dims`; the gradient is shared evenly between ties, as in PyTorch's amax. */
  amax: {
    /** The reduced dims of the input, sorted. */
    dims: number[];
    /** Whether the output kept the reduced dims as size 1. */
    keepdim: boolean;
  };
  /** Min over `dims`; the gradient is shared evenly between ties, as in PyTorch's amin. */
  amin: {
    /** The reduced dims of the input, sorted. */
    dims: number[];
    /** Whether the output kept the reduced dims as size 1. */
    keepdim: boolean;
  };
  /** Batched matmul of `[...b, m, k]` and `[...b, k, n]` with equal batch shapes. */
  matmul: Record<string, never>;
  /** The same elements in a new shape (a view or a copy); `view` records it too. */
  reshape: Record<string, never>;
  /** Reordered dims, `out.shape[i] = input.shape[dims[i]]`. */
  permute: {
    /** The input dim that each output dim comes from. */
    dims: number[];
  };
  /** A broadcast to a bigger shape (the input's size-1 and missing leading dims grow). */
  expand: Record<string, never>;
  /** `input.slice(dim, start, start + length * step, step)`. */
  slice: {
    /** The sliced dim. */
    dim: number;
    /** The first index taken along `dim`. */
    start: number;
    /** The distance between taken indices. */
    step: number;
  };
  /** A contiguous copy, or a dtype conversion between float types. */
  copy: Record<string, never>;
  /** `condition ? a : b` elementwise, the operands broadcast to one shape. */
  where: {
    /** The bool tensor that picks `a` (true) or `b` (false). */
    condition: Tensor;
  };
  /** Values picked along `dim` at `index` (the output has the index's shape). */
  gather: {
    /** The dim the index runs along. */
    dim: number;
    /** The int32 positions. */
    index: Tensor;
  };
  /** The input with `src` added at `index` along `dim`, repeated indices accumulating. */
  scatterAdd: {
    /** The dim the index runs along. */
    dim: number;
    /** The int32 positions. */
    index: Tensor;
  };
  /** The inputs joined along `dim`. */
  cat: {
    /** The dim the inputs are joined along. */
    dim: number;
  };
}

/** The name of a differentiable primitive. */
export type Primitive = keyof PrimitiveAttrs;
