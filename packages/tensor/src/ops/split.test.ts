import { describe, expect, it } from 'vitest';
import { arange, chunk, split, tensor, zeros } from '../index';

describe('split and chunk', () => {
  it('return views along any dim, negative dims included', () => {
    const x = arange(12).reshape(3, 4);
    const [a, b] = x.split([1, 3], -1);
    expect(a.toArray()).toEqual([[0], [4], [8]]);
    expect(b.toArray()).toEqual([
      [1, 2, 3],
      [5, 6, 7],
      [9, 10, 11],
    ]);
    expect(b.storage).toBe(x.storage);
    const rows = x.chunk(2);
    expect(rows.map((r) => r.shape)).toEqual([
      [2, 4],
      [1, 4],
    ]);
    expect(chunk(x, 3, 1).map((c) => c.shape)).toEqual([
      [3, 2],
      [3, 2],
    ]);
    expect(split(x, 3, 1).map((c) => c.shape)).toEqual([
      [3, 3],
      [3, 1],
    ]);
  });

  it('accept 0-d integer tensors as sizes', () => {
    const sizes = split(arange(5), [tensor(2, { dtype: 'int32' }), 3]).map((p) => p.shape[0]);
    expect(sizes).toEqual([2, 3]);
    expect(chunk(arange(5), tensor(5, { dtype: 'int32' }))).toHaveLength(5);
  });

  it('refuse 0-d inputs, bad sizes and bad dims with the fix', () => {
    expect(() => split(tensor(1), 1)).toThrow(
      /split: expects at least a 1-dimensional tensor, got a 0-d tensor; reshape it/,
    );
    expect(() => chunk(tensor(1), 1)).toThrow(/chunk: expects at least a 1-dimensional tensor/);
    expect(() => split(zeros([4]), 1.5)).toThrow(
      /split: expected splitSize to be an integer, got 1.5/,
    );
    expect(() => split(zeros([4]), [1, 2.5])).toThrow(
      /split: expected a section size to be an integer/,
    );
    expect(() => chunk(zeros([4]), 2, 1)).toThrow(/chunk: dimension out of range/);
    expect(() => split(zeros([3, 4]), [1, 2], 1)).toThrow(
      /sum exactly to 4 \(input tensor's size at dimension 1\), but got split_sizes=\[1, 2\]; the input's shape is \[3,4\]/,
    );
  });
});
