import { arange, cat, zeros, type Tensor } from '@torchlet/tensor';
import { defineRule } from './rule';

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

/** The input's shape is all these rules keep: no tensor of the forward pass. */
const inputShape = ({ inputs: [x] }: { inputs: readonly Tensor[] }) => ({ shape: x.shape });

/** Gradient rules of the view and layout primitives. */
export const shapeRules = {
  reshape: defineRule('reshape', {
    save: inputShape,
    backward: ({ shape }, g) => [g.reshape([...shape])],
  }),
  permute: defineRule('permute', {
    save: ({ attrs }) => ({ dims: attrs.dims }),
    backward: ({ dims }, g) => {
      const inverse = new Array<number>(dims.length);
      dims.forEach((d, i) => (inverse[d] = i));
      return [g.permute(inverse)];
    },
  }),
  expand: defineRule('expand', {
    save: inputShape,
    backward: ({ shape }, g) => [sumToShape(g, shape)],
  }),
  slice: defineRule('slice', {
    save: ({ inputs: [x], attrs }) => ({ shape: x.shape, ...attrs }),
    backward: ({ shape, dim, start, step }, g) => {
      const n = g.shape[dim];
      if (step === 1) {
        // A contiguous range (narrow, split, chunk): pad with zeros on either side, one copy.
        const pad = (size: number) =>
          zeros(
            shape.map((s, i) => (i === dim ? size : s)),
            { dtype: g.dtype, backend: g.backend },
          );
        const after = shape[dim] - start - n;
        const parts = [...(start > 0 ? [pad(start)] : []), g, ...(after > 0 ? [pad(after)] : [])];
        return [parts.length === 1 ? g : cat(parts, dim)];
      }
      // A strided slice: scatter the gradient back into zeros at the sliced positions.
      const positions = arange(start, start + n * step, step, {
        dtype: 'int32',
        backend: g.backend,
      });
      const line = g.shape.map((_, i) => (i === dim ? n : 1));
      const index = positions.reshape(line).expand([...g.shape]);
      return [zeros([...shape], { dtype: g.dtype, backend: g.backend }).scatterAdd(dim, index, g)];
    },
  }),
  copy: defineRule('copy', {
    save: ({ inputs: [x] }) => ({ dtype: x.dtype }),
    backward: ({ dtype }, g) => [g.to(dtype)],
  }),
  cat: defineRule('cat', {
    save: ({ inputs, attrs: { dim } }) => ({ dim, sizes: inputs.map((x) => x.shape[dim]) }),
    backward: ({ dim, sizes }, g, needs) => {
      let at = 0;
      return sizes.map((size, i) => {
        const part = needs[i] ? g.narrow(dim, at, size) : null;
        at += size;
        return part;
      });
    },
  }),
};
