import { describe, expect, it } from 'vitest';
import { arange, tensor } from '../index';

const x = () =>
  tensor([
    [1, 5, 3],
    [4, 2, 6],
  ]);

describe('reductions', () => {
  it('sum and mean over dims with keepdim', () => {
    expect(x().sum().item()).toBe(21);
    expect(x().sum(0).toArray()).toEqual([5, 7, 9]);
    expect(x().sum(1, true).toArray()).toEqual([[9], [12]]);
    expect(x().sum([0, 1]).shape).toEqual([]);
    expect(x().mean(-1).toArray()).toEqual([3, 4]);
    expect(arange(24).float().reshape([2, 3, 4]).sum([0, 2]).toArray()).toEqual([60, 92, 124]);
    expect(arange(4).sum().dtype).toBe('int32');
    expect(() => arange(4).mean()).toThrow(/mean: could not infer output dtype.*got int32/);
  });

  it('max, min, argmax, argmin, amax, amin', () => {
    expect(x().max().item()).toBe(6);
    expect(x().min().item()).toBe(1);
    const { values, indices } = x().max(1);
    expect(values.toArray()).toEqual([5, 6]);
    expect(indices.toArray()).toEqual([1, 2]);
    expect(indices.dtype).toBe('int32');
    expect(x().min(0, true).values.toArray()).toEqual([[1, 2, 3]]);
    expect(x().argmax().item()).toBe(5);
    expect(x().argmax(0).toArray()).toEqual([1, 0, 1]);
    expect(x().argmin(1, true).toArray()).toEqual([[0], [1]]);
    expect(x().amax(0).toArray()).toEqual([4, 5, 6]);
    expect(x().amin([0, 1]).item()).toBe(1);
    expect(tensor([1, 3, 3]).argmax().item()).toBe(1); // first of the ties
  });

  it('var, std (Bessel-corrected by default), logsumexp, norm', () => {
    const v = tensor([[1, 2, 3, 4]], { dtype: 'float64' });
    expect(v.var().item()).toBeCloseTo(1.6666666666666667, 12);
    expect(v.var(1, { correction: 0 }).toArray()).toEqual([1.25]);
    expect(v.std().item()).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(v.logsumexp(1).item()).toBeCloseTo(
      Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3) + Math.exp(4)),
      12,
    );
    expect(tensor([1e4, 1e4]).logsumexp(0).item()).toBeCloseTo(1e4 + Math.log(2), 2);
    expect(tensor([-Infinity, -Infinity]).logsumexp(0).item()).toBe(-Infinity);
    expect(tensor([3, 4]).norm().item()).toBe(5);
    expect(tensor([3, -4]).norm(1).item()).toBe(7);
    expect(tensor([3, -4]).norm(Infinity).item()).toBe(4);
    expect(
      tensor([
        [3, 4],
        [6, 8],
      ])
        .norm(2, 1)
        .toArray(),
    ).toEqual([5, 10]);
  });

  it('reduces strided views', () => {
    const t = arange(6).float().reshape([2, 3]).T; // [[0,3],[1,4],[2,5]]
    expect(t.sum(0).toArray()).toEqual([3, 12]);
    expect(t.amax(1).toArray()).toEqual([3, 4, 5]);
  });
});

describe('mean rounds like PyTorch', () => {
  it('divides the sum by the count (not multiplies by its reciprocal)', () => {
    // torch: torch.ones(134).sum() / 200 → 0.67000002 in float32; 134 * float32(1/200) is 0.66999996.
    const x = tensor(Array.from({ length: 200 }, (_, i) => (i < 134 ? 1 : 0)));
    expect(x.mean().item()).toBe(Math.fround(134 / 200));
    expect(
      tensor(Array.from({ length: 50 }, (_, i) => (i < 20 ? 1 : 0)))
        .mean()
        .item(),
    ).toBe(Math.fround(0.4));
  });
});
