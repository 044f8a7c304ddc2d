import { describe, expect, it } from 'vitest';
import { cpuBackend, manualSeed, randn, tensor, topk, zeros, type Backend } from '../index';

describe('topk', () => {
  it('returns values and int32 indices along the last dim by default', () => {
    const x = tensor([
      [1, 5, 3],
      [4, 2, 6],
    ]);
    const { values, indices } = x.topk(2);
    expect(values.toArray()).toEqual([
      [5, 3],
      [6, 4],
    ]);
    expect(indices.dtype).toBe('int32');
    expect(indices.toArray()).toEqual([
      [1, 2],
      [2, 0],
    ]);
    const small = topk(x, 1, { dim: 0, largest: false });
    expect(small.values.toArray()).toEqual([[1, 2, 3]]);
    expect(small.indices.toArray()).toEqual([[0, 1, 0]]);
  });

  it('agrees with a full sort on random rows, for strided views and every dim', () => {
    manualSeed(3);
    const x = randn([6, 200]).T; // [200, 6], not contiguous
    for (const k of [1, 3, 4, 150, 200]) {
      const { values, indices } = topk(x, k, { dim: 0 });
      const cols = x.T.toArray() as number[][];
      const got = values.T.toArray() as number[][];
      const at = indices.T.toArray() as number[][];
      cols.forEach((col, c) => {
        expect(got[c]).toEqual([...col].sort((a, b) => b - a).slice(0, k));
        expect(at[c].map((i) => col[i])).toEqual(got[c]);
      });
    }
  });

  it('puts NaN above every number, and last when picking the smallest', () => {
    const x = tensor([1, NaN, Infinity, -1]);
    expect(Array.from(x.topk(2).values.dataSync())).toEqual([NaN, Infinity]);
    expect(Array.from(x.topk(4, { largest: false }).values.dataSync())).toEqual([
      -1,
      1,
      Infinity,
      NaN,
    ]);
  });

  it('handles k = 0, 0-d tensors, empty dims and 0-d integer k', () => {
    expect(topk(zeros([3, 4]), 0).values.shape).toEqual([3, 0]);
    const s = topk(tensor(2.5), 1);
    expect(s.values.shape).toEqual([]);
    expect(s.values.item()).toBe(2.5);
    expect(s.indices.item()).toBe(0);
    expect(topk(zeros([0, 3]), 2).indices.shape).toEqual([0, 2]);
    expect(
      topk(tensor([3, 1, 2], { dtype: 'int32' }), tensor(2, { dtype: 'int32' })).values.toArray(),
    ).toEqual([3, 2]);
  });

  it("refuses k out of range with PyTorch's words, and names the dim, the shape and the fix", () => {
    expect(() => topk(zeros([3, 4]), 5)).toThrow(
      'topk: selected index k out of range: k = 5, but dim -1 of the input [3,4] has size 4; pick k between 0 and 4',
    );
    expect(() => topk(zeros([3, 4]), -1, { dim: 0 })).toThrow(
      /selected index k out of range: k = -1, but dim 0/,
    );
    expect(() => topk(tensor(1), 2)).toThrow(/selected index k out of range/);
    expect(() => topk(zeros([3]), 1.5)).toThrow(/topk: expected k to be an integer, got 1.5/);
  });

  it('refuses bool tensors, bad options and bad dims', () => {
    expect(() => topk(tensor([true, false]), 1)).toThrow(
      /topk: not implemented for bool.*\.int\(\)/,
    );
    expect(() => topk(zeros([3]), 1, { largest: 'yes' as never })).toThrow(
      /topk: expected largest to be a boolean, got string/,
    );
    expect(() => topk(zeros([3]), 1, { descending: true } as never)).toThrow(
      /topk: unknown option 'descending'/,
    );
    expect(() => topk(zeros([3]), 1, { dim: 1 })).toThrow(/topk: dimension out of range/);
  });

  it('says how to move a tensor whose backend cannot read synchronously', () => {
    const asyncOnly: Backend = { ...(cpuBackend as Backend), name: 'webgpu', readSync: undefined };
    const x = tensor([1, 2, 3], { backend: asyncOnly });
    expect(() => topk(x, 1)).toThrow(
      /topk: the webgpu backend cannot read values synchronously.*x\.to\(cpuBackend\)/,
    );
  });
});
