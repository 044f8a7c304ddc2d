import { tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import '@torchlet/autograd';
import { softmax } from './softmax';

describe('softmax', () => {
  it('normalizes along dim', () => {
    const p = softmax(
      tensor([
        [1, 2, 3],
        [0, 0, 0],
      ]),
      -1,
    ).toArray() as number[][];
    expect(p[0][0]).toBeCloseTo(0.09003057, 6);
    expect(p[0][2]).toBeCloseTo(0.66524096, 6);
    expect(p[1]).toEqual([1 / 3, 1 / 3, 1 / 3].map(Math.fround));
    const q = softmax(
      tensor([
        [1, 2],
        [1, 2],
      ]),
      0,
    ).toArray();
    expect(q).toEqual([
      [0.5, 0.5],
      [0.5, 0.5],
    ]);
  });

  it('is stable at ±1e4: finite values and finite gradients', () => {
    const x = tensor(
      [
        [1e4, -1e4, 0],
        [-1e4, -1e4, -1e4],
      ],
      { requiresGrad: true },
    );
    const p = softmax(x, 1);
    expect(p.toArray()).toEqual([[1, 0, 0], [1 / 3, 1 / 3, 1 / 3].map(Math.fround)]);
    p.mul(
      tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    )
      .sum()
      .backward();
    expect(Array.from(x.grad!.dataSync()).every(Number.isFinite)).toBe(true);
  });

  it('gives NaN for a row of -Infinity, like PyTorch', () => {
    expect(Array.from(softmax(tensor([-Infinity, -Infinity]), 0).dataSync())).toEqual([NaN, NaN]);
  });

  it('requires dim', () => {
    expect(() => (softmax as (x: unknown) => unknown)(tensor([1, 2]))).toThrow(
      /softmax: dim is required .*softmax\(x, -1\) for input \[2\]/,
    );
  });

  it('rejects an out-of-range dim, naming the op', () => {
    expect(() => softmax(tensor([[1, 2]]), 2)).toThrow(
      /softmax: dimension out of range \(expected to be in range of \[-2, 1\], but got 2\)/,
    );
  });

  it('rejects non-tensors and integer tensors', () => {
    expect(() => softmax([1, 2] as never, 0)).toThrow(/softmax: expected input to be a Tensor/);
    expect(() => softmax(tensor([1], { dtype: 'int32' }), 0)).toThrow(/softmax: .*int32/);
  });
});
