import { describe, expect, it } from 'vitest';
import { tensor } from '../index';

const specials = [-Infinity, -3, -1e-30, -0, 0, 1e-30, 2.5, Infinity, NaN];

describe('the float32 loops without branches', () => {
  it('relu keeps NaN, gives +0 for −∞, −x and −0, and x itself for x > 0', () => {
    const got = Array.from(tensor(specials).relu().dataSync());
    const want = specials.map((v) => (v > 0 || Number.isNaN(v) ? Math.fround(v) : 0));
    got.forEach((v, i) => expect(Object.is(v, want[i])).toBe(true));
  });

  it('relu on a strided view reads the view, not its buffer in order', () => {
    const base = tensor([
      [-1, 2, -3],
      [4, -5, 6],
    ]);
    expect(base.T.relu().toArray()).toEqual([
      [0, 4],
      [2, 0],
      [0, 6],
    ]);
  });

  it('comparisons give 0/1 bools, with NaN unequal to everything', () => {
    const x = tensor(specials);
    const y = tensor(specials.map(() => 0));
    const cases: [string, boolean[]][] = [
      ['gt', specials.map((v) => v > 0)],
      ['lt', specials.map((v) => v < 0)],
      ['ge', specials.map((v) => v >= 0)],
      ['le', specials.map((v) => v <= 0)],
      ['eq', specials.map((v) => v === 0)],
      ['ne', specials.map((v) => v !== 0)],
    ];
    for (const [op, want] of cases) {
      const out = (x as unknown as Record<string, (o: unknown) => typeof x>)[op](y);
      expect(out.dtype).toBe('bool');
      expect(Array.from(out.dataSync()), op).toEqual(want.map(Number));
    }
    // Broadcast scalar and a transposed operand take the same loop.
    const m = tensor([
      [1, -2],
      [-3, 4],
    ]);
    expect(m.T.gt(0).toArray()).toEqual([
      [true, false],
      [false, true],
    ]);
  });

  it('a float32 times a bool mask is the float product, on either side: NaN·0 and ∞·0 stay NaN', () => {
    const g = tensor([NaN, Infinity, -3, 2, -0.5, 7]);
    const mask = tensor([0, 0, 0, 1, 1, 1]).gt(0);
    const want = [NaN, NaN, -0, 2, -0.5, 7];
    for (const out of [g.mul(mask), mask.mul(g)]) {
      expect(out.dtype).toBe('float32');
      Array.from(out.dataSync()).forEach((v, i) => expect(Object.is(v, want[i])).toBe(true));
    }
    // A broadcast mask row over a transposed gradient.
    const gt = tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ]).T;
    const row = tensor([1, 0, 1]).gt(0);
    expect(gt.mul(row).toArray()).toEqual([
      [1, 0, 5],
      [2, 0, 6],
    ]);
  });
});
