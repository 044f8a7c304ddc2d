import {
  compareWithComposition,
  gradcheck,
  gradgradcheck,
  noGrad,
  type CompareWithCompositionOptions,
} from '@torchlet/autograd';
import {
  cpuBackend,
  manualSeed,
  randn,
  trackStorages,
  type Backend,
  type Storage,
  type Tensor,
} from '@torchlet/tensor';
import { beforeEach, describe, expect, it } from 'vitest';
import { layerNorm } from './index';

// The CPU backend without its fused kernels: layer norm takes its composition path.
const composedOnly: Backend = { ...cpuBackend, fused: undefined };

type Case = [name: string, f: (...xs: Tensor[]) => Tensor, shapes: number[][]];
const cases: Case[] = [
  ['with weight and bias', (x, w, b) => layerNorm(x, [6], w, b), [[4, 6], [6], [6]]],
  ['weight only', (x, w) => layerNorm(x, [5], w), [[3, 5], [5]]],
  ['over 2 dims, no affine', (x) => layerNorm(x, [3, 4]), [[2, 3, 4]]],
  ['of a 1-d input', (x, w, b) => layerNorm(x, [6], w, b), [[6], [6], [6]]],
];

describe('the fused layerNorm agrees with its composition (values and gradients)', () => {
  beforeEach(() => manualSeed(11));
  for (const dtype of ['float32', 'float64'] as const) {
    const tol = dtype === 'float32' ? 2e-5 : 1e-12;
    for (const kernels of ['none', 'forward'] as CompareWithCompositionOptions['kernels'][]) {
      for (const [name, f, shapes] of cases) {
        it(`${name}, ${dtype}, reference with kernels: ${kernels}`, () => {
          const inputs = shapes.map((s) => randn(s, { dtype, requiresGrad: true }));
          const d = compareWithComposition(f, inputs, { kernels });
          expect(d.output).toBeLessThan(tol);
          expect(d.grads).toHaveLength(shapes.length);
          for (const g of d.grads) expect(g).toBeLessThan(tol * 10);
        });
      }
    }
  }

  it('records one NativeLayerNormBackward0 node with the kernels, a composition without', () => {
    const x = randn([8, 16], { requiresGrad: true });
    expect(String(layerNorm(x, [16]).gradFn)).toBe('<NativeLayerNormBackward0>');
    const y = randn([8, 16], { backend: composedOnly, requiresGrad: true });
    expect(String(layerNorm(y, [16]).gradFn)).toBe('<MulBackward0>');
  });
});

describe('the row statistics of the layerNorm kernel', () => {
  const made = (fn: () => void): Storage[] => {
    const storages: Storage[] = [];
    trackStorages(storages, fn);
    return storages;
  };

  it('are freed at once when nothing is recorded', () => {
    const x = randn([4, 8]);
    let y: Tensor | null = null;
    const storages = made(() => (y = noGrad(() => layerNorm(x, [8]))));
    // The output, the mean and the rstd: only the output is alive.
    expect(storages).toHaveLength(3);
    expect(storages.filter((s) => !s.disposed)).toEqual([y!.storage]);
  });

  it('live with the node, and are freed when backward releases it', () => {
    const x = randn([4, 8], { requiresGrad: true });
    let y: Tensor | null = null;
    const storages = made(() => (y = layerNorm(x, [8])));
    expect(storages.filter((s) => !s.disposed)).toHaveLength(3);
    y!.sum().backward(undefined, { retainGraph: true });
    expect(storages.filter((s) => !s.disposed)).toHaveLength(3);
    const first = x.grad!.clone();
    x.grad = null;
    y!.sum().backward();
    expect(x.grad!.toArray()).toEqual(first.toArray());
    expect(storages.filter((s) => !s.disposed)).toEqual([y!.storage]);
  });
});

describe('gradcheck of the fused layerNorm (float64)', () => {
  beforeEach(() => manualSeed(7));
  const f64 = (shapes: number[][], backend: Backend = cpuBackend) =>
    shapes.map((s) => randn(s, { dtype: 'float64', backend, requiresGrad: true }));
  for (const [name, f, shapes] of cases) {
    it(`${name}: first order with the kernels, and on a backend without them`, () => {
      expect(gradcheck(f, f64(shapes))).toBe(true);
      expect(gradcheck(f, f64(shapes, composedOnly))).toBe(true);
    });
    it(`${name}: second order (the backward composition, recorded)`, () => {
      expect(gradgradcheck(f, f64(shapes))).toBe(true);
    });
  }
});
