import { randn, tensor, type Tensor } from '@torchlet/tensor';
import { gradcheck } from '@torchlet/autograd';
import { describe, expect, it } from 'vitest';
import { bceWithLogits, crossEntropy, l1Loss, mseLoss, nllLoss, type Reduction } from './index';

const f64 = (shape: number[], scale = 1): Tensor =>
  randn(shape, { dtype: 'float64' }).mul(scale).requiresGrad_();
const ints = (xs: number[]) => tensor(xs, { dtype: 'int32' });
const reductions: Reduction[] = ['mean', 'sum', 'none'];

describe('gradcheck (float64) of the losses', () => {
  const weight = tensor([0.5, 2, 1, 1.5], { dtype: 'float64' });
  const target = ints([0, 3, -100, 1, 1]);

  for (const reduction of reductions) {
    it(`crossEntropy ${reduction}, with weight, labelSmoothing and an ignored target`, () => {
      const fn = (l: Tensor) => crossEntropy(l, target, { reduction, weight, labelSmoothing: 0.2 });
      expect(gradcheck(fn, [f64([5, 4], 2)])).toBe(true);
    });
  }

  it('crossEntropy over [N, C, d1] and [C]', () => {
    const t = ints([0, 2, 1, 2, 0, 0]).reshape([2, 3]);
    expect(gradcheck((l) => crossEntropy(l, t, { labelSmoothing: 0.1 }), [f64([2, 3, 3])])).toBe(
      true,
    );
    expect(gradcheck((l) => crossEntropy(l, ints([2]).reshape([])), [f64([4])])).toBe(true);
  });

  it('nllLoss with weight', () => {
    const fn = (l: Tensor) => nllLoss(l, target, { weight });
    expect(gradcheck(fn, [f64([5, 4])])).toBe(true);
  });

  for (const reduction of reductions) {
    it(`mseLoss and l1Loss ${reduction}, both inputs`, () => {
      expect(gradcheck((a, b) => mseLoss(a, b, { reduction }), [f64([3, 4]), f64([3, 4])])).toBe(
        true,
      );
      expect(gradcheck((a, b) => l1Loss(a, b, { reduction }), [f64([3, 4]), f64([3, 4])])).toBe(
        true,
      );
    });

    it(`bceWithLogits ${reduction} with weight and posWeight, both inputs, logits 0 included`, () => {
      const x = tensor(
        [
          [0, 1.5, -2, 0.3],
          [4, -0.7, 0, -5],
        ],
        { dtype: 'float64', requiresGrad: true },
      );
      const t = tensor(
        [
          [0.2, 1, 0, 0.5],
          [0.9, 0.1, 1, 0],
        ],
        { dtype: 'float64', requiresGrad: true },
      );
      const w = tensor([[1], [2]], { dtype: 'float64' });
      const p = tensor([3, 0.5, 1, 2], { dtype: 'float64' });
      expect(gradcheck((a, b) => bceWithLogits(a, b, { reduction }), [x, t])).toBe(true);
      expect(
        gradcheck((a, b) => bceWithLogits(a, b, { reduction, weight: w, posWeight: p }), [x, t]),
      ).toBe(true);
    });
  }
});
