import { tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import '@torchlet/autograd';
import { nllLoss } from './nll-loss';

const ints = (xs: number[]) => tensor(xs, { dtype: 'int32' });

describe('nllLoss', () => {
  const lp = tensor([
    [-0.5, -1, -2],
    [-3, -0.1, -4],
    [-1, -1, -1],
  ]);

  it('picks -input at the target; weighted mean divides by the summed target weights', () => {
    expect(nllLoss(lp, ints([0, 1, 2])).item()).toBeCloseTo((0.5 + 0.1 + 1) / 3, 6);
    const weight = tensor([1, 2, 4]);
    expect(nllLoss(lp, ints([0, 1, 2]), { weight }).item()).toBeCloseTo((0.5 + 0.2 + 4) / 7, 6);
    expect(nllLoss(lp, ints([0, -100, 2]), { weight }).item()).toBeCloseTo((0.5 + 4) / 5, 6);
    expect(Array.from(nllLoss(lp, ints([0, -100, 2]), { reduction: 'none' }).dataSync())).toEqual([
      0.5, 0, 1,
    ]);
  });

  it('gives NaN for a mean over no target (all ignored), and 0 for a sum, like PyTorch', () => {
    expect(nllLoss(lp, ints([-100, -100, -100])).item()).toBeNaN();
    expect(nllLoss(lp, ints([-100, -100, -100]), { reduction: 'sum' }).item()).toBe(0);
  });

  it('throws PyTorch-style errors naming nllLoss', () => {
    expect(() => nllLoss(lp, ints([0, 3, 1]))).toThrow(
      'nllLoss: target 3 is out of bounds for 3 classes (expected values in [0, 2] or ignoreIndex -100)',
    );
    expect(() => nllLoss(lp, tensor([0, 1, 1]))).toThrow(
      /nllLoss: expected class indices of dtype int32 as target, got float32/,
    );
    expect(() => nllLoss(lp, ints([0, 1]))).toThrow(
      'nllLoss: expected target batch size 2 to match input batch size 3 (input [3,3], target [2])',
    );
    expect(() => nllLoss(lp, ints([0, 1, 1]), { reduction: 'batchmean' as never })).toThrow(
      /nllLoss: reduction must be 'mean', 'sum' or 'none', got "batchmean"/,
    );
    expect(() => nllLoss(lp, ints([0, 1, 1]), { labelSmoothing: 0.1 } as never)).toThrow(
      /nllLoss: unknown option 'labelSmoothing'; expected one of 'reduction', 'ignoreIndex', 'weight'/,
    );
  });
});
