import type { Tensor } from '@torchlet/tensor';
import { defineRule, type RuleContext } from './rule';

/** The gradient of a reduction, reshaped to keep the reduced dims as size 1. */
function keepDims(
  g: Tensor,
  shape: readonly number[],
  dims: readonly number[],
  keepdim: boolean,
): Tensor {
  if (keepdim) return g;
  return g.reshape(shape.map((s, i) => (dims.includes(i) ? 1 : s)));
}

/** Max and min share the gradient evenly between the tied extreme elements. */
const extremeRule = <K extends 'amax' | 'amin'>(op: K) =>
  defineRule(op, {
    save: ({ inputs: [x], output, attrs: { dims, keepdim } }: RuleContext<K>) => ({
      x,
      output,
      dims,
      keepdim,
    }),
    backward: ({ x, output, dims, keepdim }, g) => {
      const hit = x.eq(keepDims(output, x.shape, dims, keepdim));
      const count = hit.sum(dims, true);
      return [keepDims(g, x.shape, dims, keepdim).mul(hit).div(count)];
    },
  });

/** Gradient rules of the reductions. */
export const reduceRules = {
  sum: defineRule('sum', {
    save: ({ inputs: [x], attrs: { dims, keepdim } }) => ({ shape: x.shape, dims, keepdim }),
    backward: ({ shape, dims, keepdim }, g) => [
      keepDims(g, shape, dims, keepdim).expand([...shape]),
    ],
  }),
  amax: extremeRule('amax'),
  amin: extremeRule('amin'),
};
