import { where, zeros } from '@torchlet/tensor';
import { defineRule } from './rule';

/** Gradient rules of matmul, where and the index primitives. */
export const linalgIndexRules = {
  // Inputs have equal batch shapes (the op recorded its own expands). Each input's gradient
  // needs the other input only.
  matmul: defineRule('matmul', {
    save: ({ inputs: [a, b] }, needs) => ({ a: needs[1] ? a : null, b: needs[0] ? b : null }),
    backward: ({ a, b }, g, needs) => [
      needs[0] ? g.matmul(b!.mT) : null,
      needs[1] ? a!.mT.matmul(g) : null,
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
