import { tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import '@torchlet/autograd';
import { l1Loss } from './l1-loss';

describe('l1Loss', () => {
  it('averages, sums or keeps the absolute errors', () => {
    const a = tensor([1, 2, 3]);
    const b = tensor([1, 4, 2]);
    expect(l1Loss(a, b).item()).toBe(1);
    expect(l1Loss(a, b, { reduction: 'sum' }).item()).toBe(3);
    expect(Array.from(l1Loss(a, b, { reduction: 'none' }).dataSync())).toEqual([0, 2, 1]);
  });

  it('has gradient 0 where input equals target, like PyTorch', () => {
    const a = tensor([1, 2, 3], { requiresGrad: true });
    l1Loss(a, tensor([1, 4, 2]), { reduction: 'sum' }).backward();
    expect(Array.from(a.grad!.dataSync())).toEqual([0, -1, 1]);
  });

  it('throws on mismatched shapes and bad arguments', () => {
    expect(() => l1Loss(tensor([[1], [2]]), tensor([1, 2]))).toThrow(
      /l1Loss: expected target \[2\] to have the same shape as input \[2,1\]/,
    );
    expect(() => l1Loss(tensor([1]), tensor([1]), { reduction: 'mean ' as never })).toThrow(
      /l1Loss: reduction must be/,
    );
    expect(() => l1Loss(2 as never, tensor([1]))).toThrow(
      /l1Loss: expected input to be a Tensor, got a number/,
    );
  });
});
