import { describe, expect, it } from 'vitest';
import { arange, cast, pow, tensor, zeros } from '../index';

const int32 = (values: number[]) => tensor(values, { dtype: 'int32' });

describe('float → int32 casts refuse values int32 cannot hold', () => {
  it('NaN, ±Infinity and out-of-range values throw a RangeError naming the value', () => {
    expect(() => tensor([1.7, -1.7, NaN]).to('int32')).toThrow(
      /^to: NaN \(at index 2\) is out of range for int32 \(\[-2147483648, 2147483647\]\).*replace NaN/,
    );
    expect(() => tensor([3e9]).int()).toThrow(
      /^to: 3000000000 \(at index 0\) is out of range for int32 .*clamp/,
    );
    expect(() => tensor([0, -Infinity], { dtype: 'float64' }).int()).toThrow(/^to: -Infinity/);
    expect(() => cast(tensor([2147483648], { dtype: 'float64' }), 'int32')).toThrow(RangeError);
    expect(() => tensor(tensor([5e9]), { dtype: 'int32' })).toThrow(/^to: 5000000000/);
  });

  it('in-range values still truncate toward zero; float64 keeps the int32 ends', () => {
    expect(tensor([1.7, -1.7, 0.5, -0.5]).int().toArray()).toEqual([1, -1, 0, 0]);
    const ends = tensor([-2147483648, 2147483647, -2147483648.5, 2147483647.5], {
      dtype: 'float64',
    });
    expect(ends.narrow(0, 0, 2).int().toArray()).toEqual([-2147483648, 2147483647]);
    // PyTorch refuses 2147483647.5 at creation; a cast refuses it as well.
    expect(() => ends.int()).toThrow(/^to: -2147483648.5 \(at index 2\)/);
  });

  it('checks only the elements of the view, in its own order', () => {
    const base = tensor([
      [1, NaN, 3],
      [4, 5, 6],
    ]);
    // A slice that leaves the NaN out converts; its transposed view reports the view's index.
    expect(base.narrow(1, 2, 1).int().toArray()).toEqual([[3], [6]]);
    const t = tensor([
      [1, 2],
      [3e9, 4],
    ]).T;
    expect(() => t.int()).toThrow(/^to: 3000000000 \(at index 1\)/);
    expect(() => base.expand([2, 2, 3]).int()).toThrow(/^to: NaN \(at index 1\)/);
  });

  it('float → float and int → float casts are unchanged', () => {
    expect(tensor([NaN, 3e9]).to('float64').toArray()).toEqual([NaN, 3e9]);
    expect(int32([2147483647]).float().item()).toBe(2147483648);
    expect(tensor([NaN, 0]).bool().toArray()).toEqual([true, false]);
  });
});

describe('int32 sum never wraps', () => {
  it('throws when the exact sum leaves int32, naming it and the fix', () => {
    expect(() => int32([2 ** 30, 2 ** 30]).sum()).toThrow(
      new RegExp(
        '^sum: the int32 sum 2147483648 overflows int32; PyTorch sums into int64, which ' +
          "torchlet lacks: cast first with \\.to\\('float64'\\)$",
      ),
    );
    expect(() => int32([-(2 ** 31), -1]).sum()).toThrow(/^sum: the int32 sum -2147483649/);
    const rows = int32([2 ** 30, 2 ** 30, 1, 2]).reshape([2, 2]);
    expect(() => rows.sum(1)).toThrow(/^sum: the int32 sum 2147483648 overflows/);
    expect(rows.sum(0).toArray()).toEqual([2 ** 30 + 1, 2 ** 30 + 2]);
    expect(rows.to('float64').sum().item()).toBe(2 ** 31 + 3);
  });

  it('sums exactly up to the int32 ends, whatever the partial sums', () => {
    const edge = int32([2 ** 30, 2 ** 30 - 1]).sum();
    expect(edge.dtype).toBe('int32');
    expect(edge.item()).toBe(2147483647);
    expect(int32([2147483647, 2147483647, -2147483647, -2147483647, -1]).sum().item()).toBe(-1);
    expect(
      int32([-(2 ** 31)])
        .sum(0, true)
        .toArray(),
    ).toEqual([-2147483648]);
  });

  it('bool sums count into int32 (PyTorch: int64) with the same check', () => {
    const count = tensor([true, false, true, true]).sum();
    expect(count.dtype).toBe('int32');
    expect(count.item()).toBe(3);
    expect(zeros([2, 3], { dtype: 'bool' }).sum(1).toArray()).toEqual([0, 0]);
  });

  it('mean of integers stays an error, as in PyTorch', () => {
    expect(() => arange(4).mean()).toThrow(/^mean: could not infer output dtype/);
  });
});

describe('integer pow', () => {
  it('a negative integer scalar exponent throws, as PyTorch does', () => {
    expect(() => int32([2, 3]).pow(-1)).toThrow(
      /^pow: integers to negative integer powers are not allowed/,
    );
    expect(() => pow(int32([2, 3]), -2)).toThrow(RangeError);
    expect(() => tensor([true, false]).pow(-1)).toThrow(/^pow: integers to negative integer/);
  });

  it('other exponents keep their PyTorch results', () => {
    expect(int32([2, 3]).pow(2).toArray()).toEqual([4, 9]);
    expect(int32([2, -1]).pow(0).toArray()).toEqual([1, 1]);
    expect(tensor([true, false]).pow(2).toArray()).toEqual([1, 0]);
    // A fractional exponent makes the result float, so -1.5 is allowed.
    const f = int32([4]).pow(-1.5);
    expect(f.dtype).toBe('float32');
    expect(f.item()).toBeCloseTo(0.125, 7);
    expect(tensor([2, 4]).pow(-1).toArray()).toEqual([0.5, 0.25]);
    // Tensor exponents do not throw in PyTorch: (0, 1, -1, 2, -2) ** (-1, -1, -1, -2, -3)
    expect(pow(int32([0, 1, -1, 2, -2]), int32([-1, -1, -1, -2, -3])).toArray()).toEqual([
      0, 1, -1, 0, 0,
    ]);
    expect(pow(2, int32([1, -1])).toArray()).toEqual([2, 0]);
  });
});

describe('int32 arithmetic wraps exactly as PyTorch (torch 1.13 values)', () => {
  it('mul and pow wrap after the exact product, not after a rounded float64 one', () => {
    const a = int32([2147483647, 3, -7, 46341]);
    expect(a.mul(a).toArray()).toEqual([1, 9, 49, -2147479015]);
    expect(a.pow(int32([2, 40, 3, 2])).toArray()).toEqual([1, 689956897, -343, -2147479015]);
    expect(
      int32([1, -1, 2, 0])
        .pow(int32([-1, -3, -2, 0]))
        .toArray(),
    ).toEqual([1, -1, 0, 1]);
  });
});

describe('in-place writes into int32 never wrap', () => {
  it('fill_ and copy_ with a number int32 cannot hold throw, and leave the tensor alone', () => {
    const x = int32([1, 2]);
    expect(() => x.fill_(3e9)).toThrow(/^fill_: 3000000000 is out of range for int32/);
    expect(() => x.fill_(NaN)).toThrow(/^fill_: NaN is out of range for int32/);
    expect(() => x.copy_(-3e9)).toThrow(/^copy_: -3000000000 is out of range for int32/);
    expect(x.toArray()).toEqual([1, 2]);
    expect(x.storage.version).toBe(0);
    expect(x.fill_(2.7).toArray()).toEqual([2, 2]); // truncates, as torch does
  });
});
