import type { Tensor } from './tensor';

/**
 * The differentiable primitives that tensor reports to the gradient engine, with the attributes
 * each one records: 32 of them. Every other op of tensor is a composition of these, so its
 * gradient comes for free. `@torchlet/autograd` keeps one rule per key, checked exhaustively at
 * compile time. Fused ops are not primitives: the package that owns one declares it, with its
 * backward, through autograd's `fusedOp`, and calls the kernels of `Backend.fused`.
 */
export interface PrimitiveAttrs {
  neg: Record<string, never>;
  abs: Record<string, never>;
  exp: Record<string, never>;
  log: Record<string, never>;
  sqrt: Record<string, never>;
  rsqrt: Record<string, never>;
  erf: Record<string, never>;
  tanh: Record<string, never>;
  sigmoid: Record<string, never>;
  relu: Record<string, never>;
  sin: Record<string, never>;
  cos: Record<string, never>;
  add: Record<string, never>;
  sub: Record<string, never>;
  mul: Record<string, never>;
  div: Record<string, never>;
  pow: Record<string, never>;
  maximum: Record<string, never>;
  minimum: Record<string, never>;
  /** Sum over `dims` of the input (sorted); `keepdim` says whether the output kept them. */
  sum: { dims: number[]; keepdim: boolean };
  /** Max/min over `dims`; the gradient is shared evenly between ties, as in PyTorch's amax. */
  amax: { dims: number[]; keepdim: boolean };
  amin: { dims: number[]; keepdim: boolean };
  /** Batched matmul of `[...b, m, k]` and `[...b, k, n]` with equal batch shapes. */
  matmul: Record<string, never>;
  reshape: Record<string, never>;
  permute: { dims: number[] };
  expand: Record<string, never>;
  /** `input.slice(dim, start, start + length * step, step)`. */
  slice: { dim: number; start: number; step: number };
  /** A contiguous copy, or a dtype conversion between float types. */
  copy: Record<string, never>;
  where: { condition: Tensor };
  gather: { dim: number; index: Tensor };
  scatterAdd: { dim: number; index: Tensor };
  cat: { dim: number };
}

/** The name of a differentiable primitive. */
export type Primitive = keyof PrimitiveAttrs;
