import {
  fusedCrossEntropyBackward,
  fusedGeluBackward,
  fusedLayerNormBackward,
  fusedSoftmaxBackward,
} from '@torchlet/tensor';
import type { Rule } from './rule';

/**
 * Gradient rules of the fused primitives. Each is one backward kernel, or, when the backward is
 * itself recorded (`createGraph`), a composition of primitives that autograd can differentiate.
 */
export const fusedRules = {
  gelu: ({ inputs: [x], attrs }, g) => [fusedGeluBackward(g, x, attrs.approximate)],
  softmax: ({ output, attrs }, g) => [fusedSoftmaxBackward(g, output, attrs.log)],
  layerNorm: ({ inputs, attrs }, g, needs) => {
    const weight = attrs.affine.weight ? inputs[1] : null;
    const [gx, gw, gb] = fusedLayerNormBackward(g, inputs[0], weight, attrs);
    const grads = [needs[0] ? gx : null];
    if (attrs.affine.weight) grads.push(needs[1] ? gw : null);
    if (attrs.affine.bias) grads.push(needs[grads.length] ? gb : null);
    return grads;
  },
  crossEntropy: ({ inputs: [x], attrs }, g) => [fusedCrossEntropyBackward(g, x, attrs)],
} satisfies { [K in 'gelu' | 'softmax' | 'layerNorm' | 'crossEntropy']: Rule<K> };
