import { describe, expect, it } from 'vitest';
import { manualSeed, tensor, zeros } from '../index';

describe('in-place updates', () => {
  it('copy_, fill_ and zero_ replace the values seen by every view', () => {
    const w = zeros([2, 3]);
    const view = w.T;
    w.copy_(tensor([1, 2, 3]));
    expect(w.toArray()).toEqual([
      [1, 2, 3],
      [1, 2, 3],
    ]);
    expect(view.toArray()).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    w.fill_(7);
    expect(view.sum().item()).toBe(42);
    w.zero_();
    expect(w.sum().item()).toBe(0);
  });

  it('refuses to write through a partial view', () => {
    const w = zeros([2, 3]);
    expect(() => w.narrow(1, 0, 2).fill_(1)).toThrow(
      /fill_: in-place writes need a tensor that owns its whole storage/,
    );
  });

  it('uniform_ and normal_ draw what the generator draws', () => {
    manualSeed(3);
    const u = zeros([4]).uniform_(-2, 2);
    for (const v of u.toArray() as number[]) expect(Math.abs(v)).toBeLessThanOrEqual(2);
    manualSeed(3);
    expect(zeros([4]).uniform_(-2, 2).toArray()).toEqual(u.toArray());
    manualSeed(3);
    const n = zeros([1000]).normal_(5, 0.1);
    expect(n.mean().item()).toBeCloseTo(5, 1);
  });
});
