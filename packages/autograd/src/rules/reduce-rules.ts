import type { Tensor } from '@torchlet/tensor';
import type { Rule } from './rule';

/** The gradient of a reduction, reshaped to keep the reduced dims as size 1. */
function keepDims(g: Tensor, input: Tensor, dims: readonly number[], keepdim: boolean): Tensor {
  if (keepdim) return g;
  return g.reshape(input.shape.map((s, i) => (dims.includes(i) ? 1 : s)));
}

/** Max and min share the gradient evenly between the tied extreme elements. */
function extremeRule(
  {
    inputs: [x],
    output,
    attrs: { dims, keepdim },
  }: { inputs: readonly Tensor[]; output: Tensor; attrs: { dims: number[]; keepdim: boolean } },
  g: Tensor,
): Tensor[] {
  const hit = x.eq(keepDims(output, x, dims, keepdim));
  const count = hit.sum(dims, true);
  return [keepDims(g, x, dims, keepdim).mul(hit).div(count)];
}

/** Gradient rules of the reductions. */
export const reduceRules = {
  sum: ({ inputs: [x], attrs: { dims, keepdim } }, g) => [
    keepDims(g, x, dims, keepdim).expand([...x.shape]),
  ],
  amax: extremeRule,
  amin: extremeRule,
} satisfies { [K in 'sum' | 'amax' | 'amin']: Rule<K> };
