import { describe, expect, it } from 'vitest';
import { add, arange, div, eq, maximum, minimum, mul, pow, sub, tensor, where } from '../index';

describe('elementwise binary ops', () => {
  it('broadcast exactly as PyTorch does', () => {
    const a = tensor([[1], [2], [3]]); // [3,1]
    const b = tensor([10, 20]); // [2]
    expect(add(a, b).shape).toEqual([3, 2]);
    expect(add(a, b).toArray()).toEqual([
      [11, 21],
      [12, 22],
      [13, 23],
    ]);
    expect(sub(b, a).toArray()).toEqual([
      [9, 19],
      [8, 18],
      [7, 17],
    ]);
    expect(mul(arange(6).float().reshape([2, 1, 3]), tensor([[1], [2]])).shape).toEqual([2, 2, 3]);
    expect(add(tensor(1), tensor([[1, 2]])).toArray()).toEqual([[2, 3]]);
    expect(add(tensor([]), tensor(1)).shape).toEqual([0]);
  });

  it('rejects incompatible shapes naming both and the fix', () => {
    expect(() =>
      add(
        tensor([[1, 2, 3]]),
        tensor([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toThrow(
      'add: shapes [1,3] and [2,2] cannot be broadcast together (size 3 != 2 at dim -1); make the sizes equal, or 1 to broadcast',
    );
  });

  it('takes JavaScript scalars as weak 0-d tensors', () => {
    expect(add(tensor([1, 2]), 0.5).toArray()).toEqual([1.5, 2.5]);
    expect(mul(2, tensor([1, 2])).toArray()).toEqual([2, 4]);
    const i = tensor([1, 2], { dtype: 'int32' });
    expect(add(i, 1).dtype).toBe('int32');
    expect(add(i, 0.5).dtype).toBe('float32');
    expect(add(tensor([1], { dtype: 'float64' }), 1).dtype).toBe('float64');
  });

  it('promotes dtypes like PyTorch', () => {
    const i = tensor([1, 2], { dtype: 'int32' });
    const f = tensor([0.5, 0.5]);
    expect(add(i, f).dtype).toBe('float32');
    expect(add(f, tensor([1], { dtype: 'float64' })).dtype).toBe('float64');
    expect(div(i, tensor([2, 4], { dtype: 'int32' })).toArray()).toEqual([0.5, 0.5]);
    expect(div(i, 2).dtype).toBe('float32');
    expect(add(tensor([true]), tensor([true])).dtype).toBe('int32');
  });

  it('computes pow, maximum, minimum (NaN propagates), comparisons and where', () => {
    expect(pow(tensor([2, 3]), 2).toArray()).toEqual([4, 9]);
    expect(pow(2, tensor([3])).toArray()).toEqual([8]);
    expect(maximum(tensor([1, 5, NaN]), tensor([3, 2, 0])).toArray()).toEqual([3, 5, NaN]);
    expect(minimum(tensor([1, 5]), 2).toArray()).toEqual([1, 2]);
    const c = eq(tensor([1, 2, 3]), tensor([1, 0, 3]));
    expect(c.dtype).toBe('bool');
    expect(c.toArray()).toEqual([true, false, true]);
    expect(tensor([1, 2, 3]).lt(2).toArray()).toEqual([true, false, false]);
    expect(tensor([1, 2, 3]).le(2).toArray()).toEqual([true, true, false]);
    expect(tensor([1, 2, 3]).gt(2).toArray()).toEqual([false, false, true]);
    expect(tensor([1, 2, 3]).ge(2).toArray()).toEqual([false, true, true]);
    expect(tensor([1, 2, 3]).ne(2).toArray()).toEqual([true, false, true]);
    expect(where(tensor([true, false]), tensor([1, 2]), 0).toArray()).toEqual([1, 0]);
    expect(where(tensor([[true], [false]]), tensor([1, 2]), tensor([9])).toArray()).toEqual([
      [1, 2],
      [9, 9],
    ]);
  });

  it('works on strided views (transpose, slices, expand)', () => {
    const x = arange(6).float().reshape([2, 3]);
    expect(add(x.T, x.T).toArray()).toEqual([
      [0, 6],
      [2, 8],
      [4, 10],
    ]);
    expect(mul(x.slice(1, 0, 3, 2), 10).toArray()).toEqual([
      [0, 20],
      [30, 50],
    ]);
  });
});

describe('elementwise unary ops', () => {
  it('match Math to float32 precision', () => {
    const xs = [-2, -0.5, 0, 0.5, 2];
    const x = tensor(xs);
    const close = (t: { toArray(): unknown }, f: (v: number) => number) => {
      const got = t.toArray() as number[];
      got.forEach((v, i) => expect(v).toBeCloseTo(f(xs[i]), 6));
    };
    close(x.exp(), Math.exp);
    close(x.tanh(), Math.tanh);
    close(x.sigmoid(), (v) => 1 / (1 + Math.exp(-v)));
    close(x.abs(), Math.abs);
    close(x.neg(), (v) => -v);
    close(x.relu(), (v) => Math.max(v, 0));
    close(x.sin(), Math.sin);
    close(x.cos(), Math.cos);
    // erf reference values (Abramowitz & Stegun table)
    expect(tensor([0.5, 1, 2], { dtype: 'float64' }).erf().toArray()).toEqual([
      expect.closeTo(0.5204998778130465, 14),
      expect.closeTo(0.8427007929497149, 14),
      expect.closeTo(0.9953222650189527, 14),
    ]);
    expect(tensor([-3, 3.5, 7], { dtype: 'float64' }).erf().toArray()).toEqual([
      expect.closeTo(-0.9999779095030014, 14),
      expect.closeTo(0.9999992569016276, 14),
      1,
    ]);
    expect(tensor([4]).sqrt().item()).toBe(2);
    expect(tensor([4]).rsqrt().item()).toBe(0.5);
    expect(tensor([Math.E]).log().item()).toBeCloseTo(1, 6);
    expect(tensor([1, 2], { dtype: 'int32' }).exp().dtype).toBe('float32');
    expect(tensor([-3, 2], { dtype: 'int32' }).abs().toArray()).toEqual([3, 2]);
    expect(tensor([-3, 0, 2]).sign().toArray()).toEqual([-1, 0, 1]);
  });

  it('clamp limits to the bounds and casts work', () => {
    expect(tensor([-2, 0.5, 3]).clamp(0, 1).toArray()).toEqual([0, 0.5, 1]);
    expect(tensor([-2, 0.5, 3]).clamp(null, 1).toArray()).toEqual([-2, 0.5, 1]);
    expect(() => tensor([1]).clamp()).toThrow('clamp: at least one of min or max must be given');
    expect(tensor([1.9, -1.9]).int().toArray()).toEqual([1, -1]);
    expect(tensor([0, 2]).bool().toArray()).toEqual([false, true]);
    expect(tensor([1, 2], { dtype: 'int32' }).float().dtype).toBe('float32');
    expect(tensor([1, 2]).to('float64').dtype).toBe('float64');
  });
});
