import { tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { mseLoss } from './mse-loss';

describe('mseLoss', () => {
  it('averages, sums or keeps the squared errors', () => {
    const a = tensor([1, 2, 3]);
    const b = tensor([1, 2, 5]);
    expect(mseLoss(a, b).item()).toBeCloseTo(4 / 3, 6);
    expect(mseLoss(a, b, { reduction: 'sum' }).item()).toBe(4);
    expect(Array.from(mseLoss(a, b, { reduction: 'none' }).dataSync())).toEqual([0, 0, 4]);
  });

  it('throws on mismatched shapes instead of broadcasting', () => {
    expect(() => mseLoss(tensor([[1, 2]]), tensor([1, 2]))).toThrow(
      'mseLoss: expected target [2] to have the same shape as input [1,2]; reshape or expand the target to [1,2] (PyTorch would broadcast them with a warning)',
    );
  });

  it('throws on bad arguments', () => {
    const a = tensor([1, 2]);
    expect(() => mseLoss(a, a, { reduction: 'average' as never })).toThrow(
      `mseLoss: reduction must be 'mean', 'sum' or 'none', got "average"`,
    );
    expect(() => mseLoss(a, [1, 2] as never)).toThrow(
      'mseLoss: expected target to be a Tensor, got an array; wrap it with tensor(...)',
    );
    expect(() => mseLoss(a, tensor([1, 2], { dtype: 'int32' }))).toThrow(
      /mseLoss: expected target of a floating point dtype, got int32/,
    );
    expect(() => mseLoss(a, a, null as never)).toThrow(/mseLoss: expected options to be an object/);
  });
});
