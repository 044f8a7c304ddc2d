import { randn, tensor, type Tensor } from '@torchlet/tensor';
import { gradcheck } from '@torchlet/autograd';
import { describe, expect, it } from 'vitest';
import { gelu, leakyRelu, logSoftmax, relu, sigmoid, silu, softmax, swiglu, tanh } from './index';

// Weighting the output by a fixed tensor makes every output element matter to the check.
const x = () =>
  tensor(Float64Array.from([-2.5, -1.2, -0.3, 0.4, 0.9, 1.7, -0.8, 2.2, 0.15, -1.9, 3.1, -0.05]))
    .reshape([3, 4])
    .requiresGrad_();

const cases: Record<string, (a: Tensor) => Tensor> = {
  relu: (a) => relu(a),
  gelu: (a) => gelu(a),
  'gelu tanh': (a) => gelu(a, { approximate: 'tanh' }),
  silu: (a) => silu(a),
  sigmoid: (a) => sigmoid(a),
  tanh: (a) => tanh(a),
  'softmax dim -1': (a) => softmax(a, -1),
  'softmax dim 0': (a) => softmax(a, 0),
  'logSoftmax dim -1': (a) => logSoftmax(a, -1),
  'logSoftmax dim 0': (a) => logSoftmax(a, 0),
  leakyRelu: (a) => leakyRelu(a),
  'leakyRelu 0.2': (a) => leakyRelu(a, 0.2),
  'swiglu split': (a) => swiglu(a, -1),
  'swiglu split dim 1 of 3-d': (a) => swiglu(a.reshape([3, 2, 2]), 1),
};

describe('gradcheck (float64) of every activation', () => {
  for (const [name, fn] of Object.entries(cases)) {
    it(name, () => {
      expect(gradcheck(fn, [x()])).toBe(true);
    });
  }

  it('swiglu(gate, up), both inputs, with broadcasting', () => {
    const gate = randn([3, 4], { dtype: 'float64' }).requiresGrad_();
    const up = randn([4], { dtype: 'float64' }).requiresGrad_();
    expect(gradcheck((g, u) => swiglu(g, u), [gate, up])).toBe(true);
  });

  it('softmax and logSoftmax with large logits', () => {
    const big = tensor(Float64Array.from([50, -50, 10, 0, 49, 51]))
      .reshape([2, 3])
      .requiresGrad_();
    expect(gradcheck((a) => softmax(a, 1), [big])).toBe(true);
    expect(gradcheck((a) => logSoftmax(a, 1), [big])).toBe(true);
  });
});
