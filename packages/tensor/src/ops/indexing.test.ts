import { describe, expect, it } from 'vitest';
import { cat, gather, indexSelect, scatterAdd, stack, tensor, zeros } from '../index';

const i32 = (v: number[] | number[][]) => tensor(v, { dtype: 'int32' });

describe('gather, scatterAdd, indexSelect', () => {
  it('gather along dims', () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(
      gather(
        x,
        1,
        i32([
          [2, 0],
          [1, 1],
        ]),
      ).toArray(),
    ).toEqual([
      [3, 1],
      [5, 5],
    ]);
    expect(gather(x, 0, i32([[1, 0, 1]])).toArray()).toEqual([[4, 2, 6]]);
  });

  it('scatterAdd accumulates repeated indices', () => {
    const out = scatterAdd(
      zeros([2, 3]),
      1,
      i32([
        [0, 0],
        [2, 1],
      ]),
      tensor([
        [1, 2],
        [3, 4],
      ]),
    );
    expect(out.toArray()).toEqual([
      [3, 0, 0],
      [0, 4, 3],
    ]);
  });

  it('indexSelect picks rows or columns', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(indexSelect(x, 0, i32([2, 0, 2])).toArray()).toEqual([
      [5, 6],
      [1, 2],
      [5, 6],
    ]);
    expect(indexSelect(x, 1, i32([1])).toArray()).toEqual([[2], [4], [6]]);
  });

  it('throws for out-of-range indices and wrong index dtypes', () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(() => gather(x, 1, i32([[3]]).reshape([1, 1]))).toThrow(
      'gather: index 3 is out of bounds for dimension 1 with size 3',
    );
    expect(() => indexSelect(x, 0, i32([5]))).toThrow(
      /index 5 is out of bounds for dimension 0 with size 2/,
    );
    expect(() => gather(x, 1, tensor([[0]]))).toThrow(/expected index of dtype int32, got float32/);
    expect(() => gather(x, 2, i32([[0]]))).toThrow(/dimension out of range/);
  });
});

describe('cat and stack', () => {
  it('cat joins along a dim and promotes dtypes', () => {
    const a = tensor([[1, 2]]);
    const b = tensor([
      [3, 4],
      [5, 6],
    ]);
    expect(cat([a, b]).toArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(cat([b, b.T], 1).shape).toEqual([2, 4]);
    expect(cat([a, tensor([[7, 8]], { dtype: 'float64' })]).dtype).toBe('float64');
    expect(() => cat([a, tensor([[1, 2, 3]])])).toThrow(
      'cat: sizes of tensors must match except in dimension 0; tensors[0] is [1,2], tensors[1] is [1,3]',
    );
  });

  it('stack adds a dim', () => {
    expect(stack([tensor([1, 2]), tensor([3, 4])], 1).toArray()).toEqual([
      [1, 3],
      [2, 4],
    ]);
    expect(() => stack([tensor([1, 2]), tensor([1])])).toThrow(
      /stack: expects each tensor to be equal size/,
    );
  });
});
