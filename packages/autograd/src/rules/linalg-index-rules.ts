import { where, zeros, type Tensor } from '@torchlet/tensor';
import { defineRule } from './rule';

/** Gradient rules of matmul, where and the index primitives. */
export const linalgIndexRules = {
  // Inputs have equal batch shapes (the op recorded its own expands). Each input's gradient
  // needs the other input only.
  // Each gradient is computed in its input's layout. Linear multiplies by `weight.T`, a
  // transposed view: its gradient computed as (gᵀ·a)ᵀ is the transpose of a contiguous product,
  // so the transpose's own rule hands the weight a contiguous gradient and nothing is copied.
  // (The gemm reads transposed operands through strides, so either order costs the same.)
  matmul: defineRule('matmul', {
    save: ({ inputs: [a, b] }, needs) => ({
      a: needs[1] ? a : null,
      b: needs[0] ? b : null,
      aT: needs[0] && isTransposed(a),
      bT: needs[1] && isTransposed(b),
    }),
    backward: ({ a, b, aT, bT }, g, needs) => [
      needs[0] ? (aT ? b!.matmul(g.mT).mT : g.matmul(b!.mT)) : null,
      needs[1] ? (bT ? g.mT.matmul(a!).mT : a!.mT.matmul(g)) : null,
    ],
  }),
  where: defineRule('where', {
    save: ({ attrs: { condition } }) => ({ condition }),
    backward: ({ condition }, g, needs) => [
      needs[0] ? where(condition, g, 0) : null,
      needs[1] ? where(condition, 0, g) : null,
    ],
  }),
  gather: defineRule('gather', {
    save: ({ inputs: [x], attrs: { dim, index } }) => ({ shape: x.shape, dim, index }),
    backward: ({ shape, dim, index }, g) => [
      zeros([...shape], { dtype: g.dtype, backend: g.backend }).scatterAdd(dim, index, g),
    ],
  }),
  scatterAdd: defineRule('scatterAdd', {
    save: ({ attrs: { dim, index } }) => ({ dim, index }),
    backward: ({ dim, index }, g, needs) => [
      needs[0] ? g : null,
      needs[1] ? g.gather(dim, index) : null,
    ],
  }),
};

/**
 * A transposed view of a contiguous matrix (or batch of them), such as `weight.T`: read from its
 * strides, since building `t.mT` here would record a node while the forward pass records.
 */
function isTransposed(t: Tensor): boolean {
  const n = t.ndim;
  if (n < 2 || t.isContiguous()) return false;
  const { shape, strides } = t;
  // Innermost first, as a contiguous tensor with the last two dims swapped lays them out.
  const order = [n - 2, n - 1];
  for (let d = n - 3; d >= 0; d--) order.push(d);
  let expected = 1;
  for (const d of order) {
    if (shape[d] !== 1 && strides[d] !== expected) return false;
    expected *= shape[d];
  }
  return true;
}
