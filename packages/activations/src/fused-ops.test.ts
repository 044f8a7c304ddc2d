import {
  compareWithComposition,
  gradcheck,
  gradgradcheck,
  type CompareWithCompositionOptions,
} from '@torchlet/autograd';
import { cpuBackend, manualSeed, randn, type Backend, type Tensor } from '@torchlet/tensor';
import { beforeEach, describe, expect, it } from 'vitest';
import { gelu, logSoftmax, softmax } from './index';

// The CPU backend without its fused kernels: every fused op takes its composition path.
const composedOnly: Backend = { ...cpuBackend, fused: undefined };

type Case = [name: string, f: (x: Tensor) => Tensor, shape: number[], gradFn: string];
const cases: Case[] = [
  ['gelu exact', (x) => gelu(x), [7, 9], '<GeluBackward0>'],
  ['gelu tanh', (x) => gelu(x, { approximate: 'tanh' }), [7, 9], '<GeluBackward0>'],
  ['softmax last dim', (x) => softmax(x, -1), [6, 10], '<SoftmaxBackward0>'],
  ['logSoftmax last dim', (x) => logSoftmax(x, -1), [6, 10], '<LogSoftmaxBackward0>'],
  // The row kernel runs on the last dim: another dim is moved there and back (a permute node).
  ['softmax dim 0 of 3', (x) => softmax(x, 0), [3, 2, 4], '<PermuteBackward0>'],
  ['logSoftmax dim 1 of 3', (x) => logSoftmax(x, 1), [3, 5, 4], '<PermuteBackward0>'],
];

describe('the fused activations agree with their compositions (values and gradients)', () => {
  beforeEach(() => manualSeed(11));
  for (const dtype of ['float32', 'float64'] as const) {
    const tol = dtype === 'float32' ? 2e-5 : 1e-12;
    for (const kernels of ['none', 'forward'] as CompareWithCompositionOptions['kernels'][]) {
      for (const [name, f, shape] of cases) {
        it(`${name}, ${dtype}, reference with kernels: ${kernels}`, () => {
          const d = compareWithComposition(f, [randn(shape, { dtype, requiresGrad: true })], {
            kernels,
          });
          expect(d.output).toBeLessThan(tol);
          expect(d.grads[0]).toBeLessThan(tol * 10);
        });
      }
    }
  }

  for (const [name, f, shape, gradFn] of cases) {
    it(`${name} records one ${gradFn} node with the kernels, and a composition without`, () => {
      expect(String(f(randn(shape, { requiresGrad: true })).gradFn)).toBe(gradFn);
      const x = randn(shape, { backend: composedOnly, requiresGrad: true });
      expect(String(f(x).gradFn)).not.toBe(gradFn);
    });
  }
});

describe('gradcheck of the fused activations (float64)', () => {
  beforeEach(() => manualSeed(7));
  const f64 = (shape: number[], backend: Backend = cpuBackend) =>
    randn(shape, { dtype: 'float64', backend }).mul(2).detach().requiresGrad_();
  for (const [name, f, big] of cases) {
    // Small inputs: gradcheck builds the Jacobian one element at a time.
    const shape = big.length === 3 ? [2, 3, 2] : [3, 4];
    const small = big.length === 3 ? [2, 2, 2] : [2, 3];
    it(`${name}: first order with the kernels, and on a backend without them`, () => {
      expect(gradcheck(f, [f64(shape)])).toBe(true);
      expect(gradcheck(f, [f64(shape, composedOnly)])).toBe(true);
    });
    it(`${name}: second order (the backward composition, recorded)`, () => {
      expect(gradgradcheck(f, [f64(small)])).toBe(true);
      expect(gradgradcheck(f, [f64(small, composedOnly)])).toBe(true);
    });
  }
});
