import {
  fusedCrossEntropyBackward,
  fusedGeluBackward,
  fusedLayerNormBackward,
  fusedSoftmaxBackward,
} from '@torchlet/tensor';
import { defineRule } from './rule';

/**
 * Gradient rules of the fused primitives. Each is one backward kernel, or, when the backward is
 * itself recorded (`createGraph`), a composition of primitives that autograd can differentiate.
 */
export const fusedRules = {
  gelu: defineRule('gelu', {
    save: ({ inputs: [x], attrs: { approximate } }) => ({ x, approximate }),
    backward: ({ x, approximate }, g) => [fusedGeluBackward(g, x, approximate)],
  }),
  softmax: defineRule('softmax', {
    save: ({ output, attrs: { log } }) => ({ output, log }),
    backward: ({ output, log }, g) => [fusedSoftmaxBackward(g, output, log)],
  }),
  layerNorm: defineRule('layerNorm', {
    save: ({ inputs, attrs }) => ({
      x: inputs[0],
      weight: attrs.affine.weight ? inputs[1] : null,
      attrs,
      mean: attrs.mean,
      rstd: attrs.rstd,
    }),
    backward: ({ x, weight, attrs }, g, needs) => {
      const [gx, gw, gb] = fusedLayerNormBackward(g, x, weight, attrs);
      const grads = [needs[0] ? gx : null];
      if (attrs.affine.weight) grads.push(needs[1] ? gw : null);
      if (attrs.affine.bias) grads.push(needs[grads.length] ? gb : null);
      return grads;
    },
    // The row statistics were made by the forward kernel for this node alone.
    release: ({ mean, rstd }) => {
      mean.dispose();
      rstd.dispose();
    },
  }),
  crossEntropy: defineRule('crossEntropy', {
    save: ({ inputs: [x], attrs }) => ({
      x,
      attrs,
      target: attrs.target,
      count: attrs.count,
      logSumExp: attrs.logSumExp,
    }),
    backward: ({ x, attrs }, g) => [fusedCrossEntropyBackward(g, x, attrs)],
    release: ({ count, logSumExp }) => {
      count.dispose();
      logSumExp.dispose();
    },
  }),
};
