import { tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import '@torchlet/autograd';
import { logSoftmax } from './log-softmax';
import { softmax } from './softmax';

describe('logSoftmax', () => {
  it('is the log of softmax', () => {
    const x = tensor([
      [0.5, -1, 2, 0],
      [3, 3, -2, 1],
    ]);
    const a = logSoftmax(x, 1).dataSync();
    const b = softmax(x, 1).dataSync();
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(Math.log(b[i]), 6);
  });

  it('is stable at ±1e4: finite values (no log(0)) and finite gradients', () => {
    const x = tensor(
      [
        [1e4, -1e4, 0],
        [1e4, 1e4, -1e4],
      ],
      { requiresGrad: true },
    );
    const y = logSoftmax(x, -1);
    // torch.log_softmax(torch.tensor([1e4, -1e4, 0.]), 0) = [0, -20000, -10000]
    expect(y.toArray()).toEqual([
      [0, -2e4, -1e4],
      [-Math.LN2, -Math.LN2, -2e4 - Math.LN2].map(Math.fround),
    ]);
    y.sum().backward();
    expect(Array.from(x.grad!.dataSync()).every(Number.isFinite)).toBe(true);
  });

  it('requires dim and checks its range, naming the op', () => {
    expect(() => (logSoftmax as (x: unknown) => unknown)(tensor([1, 2]))).toThrow(
      /logSoftmax: dim is required/,
    );
    expect(() => logSoftmax(tensor([1, 2]), -2)).toThrow(
      /logSoftmax: dimension out of range \(expected to be in range of \[-1, 0\], but got -2\)/,
    );
    expect(() => logSoftmax(tensor([1, 2]), 0.5)).toThrow(
      /logSoftmax: expected dim to be an integer, got 0.5/,
    );
  });

  it('rejects non-tensors', () => {
    expect(() => logSoftmax(1 as never, 0)).toThrow(/logSoftmax: expected input to be a Tensor/);
  });
});
