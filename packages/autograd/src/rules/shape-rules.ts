import { arange, zeros, type Tensor } from '@torchlet/tensor';
import type { Rule } from './rule';

/** Sums `grad` (of an expanded shape) back down to `shape`. */
export function sumToShape(grad: Tensor, shape: readonly number[]): Tensor {
  const lead = grad.ndim - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < grad.ndim; i++) {
    if (i < lead || (shape[i - lead] === 1 && grad.shape[i] !== 1)) dims.push(i);
  }
  const summed = dims.length > 0 ? grad.sum(dims, true) : grad;
  return summed.reshape([...shape]);
}

/** Gradient rules of the view and layout primitives. */
export const shapeRules = {
  reshape: ({ inputs: [x] }, g) => [g.reshape([...x.shape])],
  permute: ({ attrs }, g) => {
    const inverse = new Array<number>(attrs.dims.length);
    attrs.dims.forEach((d, i) => (inverse[d] = i));
    return [g.permute(inverse)];
  },
  expand: ({ inputs: [x] }, g) => [sumToShape(g, x.shape)],
  slice: ({ inputs: [x], attrs: { dim, start, step } }, g) => {
    // Scatter the gradient back into zeros at the sliced positions.
    const n = g.shape[dim];
    const positions = arange(start, start + n * step, step, { dtype: 'int32', backend: g.backend });
    const line = g.shape.map((_, i) => (i === dim ? n : 1));
    const index = positions.reshape(line).expand([...g.shape]);
    return [zeros([...x.shape], { dtype: g.dtype, backend: g.backend }).scatterAdd(dim, index, g)];
  },
  copy: ({ inputs: [x] }, g) => [g.to(x.dtype)],
  cat: ({ inputs, attrs: { dim } }, g, needs) => {
    let at = 0;
    return inputs.map((x, i) => {
      const part = needs[i] ? g.narrow(dim, at, x.shape[dim]) : null;
      at += x.shape[dim];
      return part;
    });
  },
} satisfies { [K in 'reshape' | 'permute' | 'expand' | 'slice' | 'copy' | 'cat']: Rule<K> };
