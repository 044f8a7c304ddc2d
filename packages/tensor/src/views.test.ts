import { describe, expect, it } from 'vitest';
import { arange, tensor } from './index';

const base = () => arange(24).float().reshape([2, 3, 4]);

describe('zero-copy views', () => {
  it('reshape, view, transpose, permute, unsqueeze, squeeze, expand, flatten, narrow, slice share storage', () => {
    const x = base();
    const views = [
      x.reshape([6, 4]),
      x.view(-1),
      x.transpose(0, 2),
      x.permute(2, 0, 1),
      x.unsqueeze(1),
      x.unsqueeze(-1).squeeze(),
      x.narrow(1, 1, 2),
      x.slice(2, 0, 4, 2),
      x.flatten(1),
      tensor([[1], [2]]).expand([2, 5]),
    ];
    for (const v of views.slice(0, -1)) expect(v.storage).toBe(x.storage);
  });

  it('computes the right shapes, strides and values', () => {
    const x = base();
    const t = x.transpose(1, 2);
    expect(t.shape).toEqual([2, 4, 3]);
    expect(t.strides).toEqual([12, 1, 4]);
    expect(t.isContiguous()).toBe(false);
    expect(t.toArray()).toEqual([
      [
        [0, 4, 8],
        [1, 5, 9],
        [2, 6, 10],
        [3, 7, 11],
      ],
      [
        [12, 16, 20],
        [13, 17, 21],
        [14, 18, 22],
        [15, 19, 23],
      ],
    ]);
    expect(x.permute([2, 0, 1]).shape).toEqual([4, 2, 3]);
    expect(x.narrow(2, 1, 2).select(0, 1).toArray()).toEqual([
      [13, 14],
      [17, 18],
      [21, 22],
    ]);
    expect(x.slice(2, 1, undefined, 2).select(0, 0).toArray()).toEqual([
      [1, 3],
      [5, 7],
      [9, 11],
    ]);
    expect(x.slice(1, -2).shape).toEqual([2, 2, 4]);
    expect(x.slice(1, 5, 10).shape).toEqual([2, 0, 4]);
    const e = tensor([[1], [2]]).expand([2, 3]);
    expect(e.strides).toEqual([1, 0]);
    expect(e.toArray()).toEqual([
      [1, 1, 1],
      [2, 2, 2],
    ]);
    expect(tensor([1, 2]).expand([2, -1]).toArray()).toEqual([
      [1, 2],
      [1, 2],
    ]);
    expect(x.flatten(0, 1).shape).toEqual([6, 4]);
    expect(x.reshape([4, -1]).shape).toEqual([4, 6]);
    expect(tensor(3).unsqueeze(0).shape).toEqual([1]);
  });

  it('contiguous() copies only when it has to', () => {
    const x = base();
    expect(x.contiguous()).toBe(x);
    const c = x.transpose(0, 1).contiguous();
    expect(c.storage).not.toBe(x.storage);
    expect(c.isContiguous()).toBe(true);
    expect(c.toArray()).toEqual(x.transpose(0, 1).toArray());
  });

  it('view refuses incompatible strides; reshape copies instead', () => {
    const t = base().transpose(1, 2);
    expect(() => t.view(-1)).toThrow(
      /view: shape \[24\] is not compatible.*use \.reshape\(\.\.\.\) instead/,
    );
    const r = t.reshape([-1]);
    expect(r.storage).not.toBe(t.storage);
    expect(r.toArray()).toEqual((t.contiguous().toArray() as number[][][]).flat(2));
    // Splitting a dim of a transposed tensor is still a view.
    expect(t.view(2, 2, 2, 3).storage).toBe(t.storage);
  });

  it('reshape to a different element count names both shapes', () => {
    expect(() => base().reshape([5, 5])).toThrow(
      'reshape: shape [5,5] is invalid for input of size 24 (shape [2,3,4]); the new shape must have the same number of elements',
    );
    expect(() => base().reshape([-1, -1])).toThrow(/only one dimension can be inferred/);
  });

  it('out-of-range dims throw PyTorch-style errors', () => {
    expect(() => base().transpose(0, 3)).toThrow(
      'transpose: dimension out of range (expected to be in range of [-3, 2], but got 3)',
    );
    expect(() => base().sum(-4)).toThrow(
      'sum: dimension out of range (expected to be in range of [-3, 2], but got -4)',
    );
    expect(() => base().narrow(0, 1, 2)).toThrow(
      /narrow: start \(1\) \+ length \(2\) exceeds dimension size \(2\)/,
    );
    expect(() => base().select(1, 3)).toThrow(
      'select: index 3 is out of range for dimension 1 with size 3',
    );
    expect(() => base().expand([2, 3, 5])).toThrow(
      /expand: the expanded size of the tensor \(5\) must match the existing size \(4\)/,
    );
    expect(() => base().permute(0, 1)).toThrow(/permute: number of dims don't match/);
  });
});
