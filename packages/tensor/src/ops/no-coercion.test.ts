import { describe, expect, it } from 'vitest';
import { arange, full, fullLike, tensor, where, zeros } from '../index';

describe('arguments are what the user passed: no JavaScript coercion', () => {
  const x = tensor([1, 2, 3]);
  const bad: Array<[string, () => unknown, RegExp]> = [
    [
      'add(undefined)',
      () => x.add(undefined as never),
      /add: expected other to be a Tensor, a number or a boolean, got undefined/,
    ],
    [
      'mul(null)',
      () => x.mul(null as never),
      /mul: expected other to be a Tensor, a number or a boolean, got null/,
    ],
    ["add('1')", () => x.add('1' as never), /add: expected other to be .*got a string \("1"\)/],
    ['pow([2])', () => x.pow([2] as never), /pow: expected other to be .*got an array/],
    [
      'fill_(undefined)',
      () => zeros([2]).fill_(undefined as never),
      /fill_: expected value to be a number, a boolean or a 0-d Tensor, got undefined/,
    ],
    [
      'fill_(1-d tensor)',
      () => zeros([2]).fill_(tensor([1, 2])),
      /fill_: expected value .*got a Tensor of shape \[2\]/,
    ],
    [
      "copy_('1')",
      () => zeros([2]).copy_('1' as never),
      /copy_: expected src to be a Tensor, a number or a boolean/,
    ],
    [
      'full([2], undefined)',
      () => full([2], undefined as never),
      /full: expected fillValue to be a number/,
    ],
    [
      "full(['2'], 1)",
      () => full(['2'] as never, 1),
      /full: every size must be an integer, got string/,
    ],
    [
      'where(c, undefined, 1)',
      () => where(x.gt(1), undefined as never, 1),
      /where: expected input to be a Tensor/,
    ],
    [
      'clamp(undefined, "2")',
      () => x.clamp(undefined, '2' as never),
      /clamp: expected max to be a number, got a string/,
    ],
    [
      "sum('0')",
      () => x.sum('0' as never),
      /sum: expected dim to be an integer or an array of integers, got string/,
    ],
    ['slice(0, 1.5)', () => x.slice(0, 1.5), /slice: expected start to be an integer, got 1.5/],
    [
      'select(0, tensor(1.0))',
      () => x.select(0, tensor(1)),
      /select: only integer tensors of a single element can be converted to an index/,
    ],
    [
      'narrow(0, null, 1)',
      () => x.narrow(0, null as never, 1),
      /narrow: expected start to be an integer, got null/,
    ],
    [
      "arange('3')",
      () => arange('3' as never),
      /arange: expected end to be a number, got a string/,
    ],
  ];
  for (const [name, call, message] of bad) {
    it(`${name} is a TypeError naming the op and the argument`, () => {
      expect(call).toThrow(TypeError);
      expect(call).toThrow(message);
    });
  }

  it('accepts a 0-d tensor where PyTorch does', () => {
    const i = tensor(1, { dtype: 'int32' });
    expect(x.slice(0, i).toArray()).toEqual([2, 3]);
    expect(x.slice(0, 0, i).toArray()).toEqual([1]);
    expect(x.select(0, i).item()).toBe(2);
    expect(x.narrow(0, i, tensor(2, { dtype: 'int32' })).toArray()).toEqual([2, 3]);
    expect(full([2], tensor(3)).toArray()).toEqual([3, 3]);
    expect(fullLike(x, tensor(7)).toArray()).toEqual([7, 7, 7]);
    expect(zeros([2]).fill_(tensor(4)).toArray()).toEqual([4, 4]);
    expect(x.add(tensor(1)).toArray()).toEqual([2, 3, 4]);
  });
});
