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
  tensor,
  trackStorages,
  type Backend,
  type Storage,
  type Tensor,
} from '@torchlet/tensor';
import { beforeEach, describe, expect, it } from 'vitest';
import { crossEntropy } from './index';

// The CPU backend without its fused kernels: cross entropy takes its composition path.
const composedOnly: Backend = { ...cpuBackend, fused: undefined };
const ints = (values: number[], backend: Backend = cpuBackend) =>
  tensor(values, { dtype: 'int32', backend });

type Case = [name: string, targets: number[], classes: number, reduction: 'mean' | 'sum'];
const cases: Case[] = [
  ['mean', [2, 0, 4, 1], 5, 'mean'],
  ['mean with an ignored row', [2, -100, 0, 4], 5, 'mean'],
  ['sum with an ignored row', [1, -100, 3], 6, 'sum'],
];

describe('the fused crossEntropy agrees with its composition (values and gradients)', () => {
  beforeEach(() => manualSeed(11));
  for (const dtype of ['float32', 'float64'] as const) {
    const tol = dtype === 'float32' ? 2e-5 : 1e-12;
    for (const kernels of ['none', 'forward'] as CompareWithCompositionOptions['kernels'][]) {
      for (const [name, targets, classes, reduction] of cases) {
        it(`${name}, ${dtype}, reference with kernels: ${kernels}`, () => {
          const logits = randn([targets.length, classes], { dtype, requiresGrad: true });
          const d = compareWithComposition(
            (x, t) => crossEntropy(x, t, { reduction }),
            [logits, ints(targets)],
            { kernels },
          );
          expect(d.output).toBeLessThan(tol);
          expect(d.grads[0]).toBeLessThan(tol * 10);
        });
      }
    }
  }

  it('records one NllLossBackward0 node with the kernels, a composition without', () => {
    const x = randn([3, 4], { requiresGrad: true });
    expect(String(crossEntropy(x, ints([0, 3, 1])).gradFn)).toBe('<NllLossBackward0>');
    const y = randn([3, 4], { backend: composedOnly, requiresGrad: true });
    expect(String(crossEntropy(y, ints([0, 3, 1], composedOnly)).gradFn)).toBe('<DivBackward0>');
  });

  it('never frees the target, and frees the kernel statistics with the node', () => {
    const x = randn([3, 4], { requiresGrad: true });
    const target = ints([0, 3, 1]);
    const made: Storage[] = [];
    let loss: Tensor | null = null;
    trackStorages(made, () => (loss = crossEntropy(x, target)));
    // The loss, the kept count and each row's log-sum-exp.
    expect(made).toHaveLength(3);
    loss!.backward();
    expect(made.filter((s) => !s.disposed)).toEqual([loss!.storage]);
    expect(target.storage.disposed).toBe(false);
    const fresh: Storage[] = [];
    trackStorages(fresh, () => noGrad(() => crossEntropy(x, target)));
    expect(fresh.filter((s) => !s.disposed)).toHaveLength(1);
  });
});

describe('gradcheck of the fused crossEntropy (float64)', () => {
  beforeEach(() => manualSeed(7));
  for (const [name, targets, classes, reduction] of cases) {
    const logits = (backend: Backend = cpuBackend) =>
      randn([targets.length, classes], { dtype: 'float64', backend, requiresGrad: true });
    it(`${name}: first order with the kernels, and on a backend without them`, () => {
      const t = ints(targets);
      expect(gradcheck((x) => crossEntropy(x, t, { reduction }), [logits()])).toBe(true);
      const u = ints(targets, composedOnly);
      expect(gradcheck((x) => crossEntropy(x, u, { reduction }), [logits(composedOnly)])).toBe(
        true,
      );
    });
    it(`${name}: second order (the backward composition, recorded)`, () => {
      const t = ints(targets);
      expect(gradgradcheck((x) => crossEntropy(x, t, { reduction }), [logits()])).toBe(true);
    });
  }
});
