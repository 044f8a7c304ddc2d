import { tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import '@torchlet/autograd';
import { relu } from './relu';

describe('relu', () => {
  it('zeroes the negatives', () => {
    expect(Array.from(relu(tensor([-2, -1, 0, 1, 2])).dataSync())).toEqual([0, 0, 0, 1, 2]);
  });

  it('has gradient 0 at exactly 0, like PyTorch', () => {
    const x = tensor([-1, 0, 1], { requiresGrad: true });
    relu(x).sum().backward();
    expect(Array.from(x.grad!.dataSync())).toEqual([0, 0, 1]);
  });

  it('keeps integer dtypes', () => {
    expect(relu(tensor([-1, 2], { dtype: 'int32' })).dtype).toBe('int32');
  });

  it('rejects non-tensors', () => {
    expect(() => relu(3 as never)).toThrow(/relu: expected input to be a Tensor, got a number/);
    expect(() => relu(null as never)).toThrow(/relu: expected input to be a Tensor, got null/);
  });
});
