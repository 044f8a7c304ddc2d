import { describe, expect, it } from 'vitest';
import { linear } from './linear';

describe('linear', () => {
  it("interpolates with optax's arithmetic and clamps after `steps`", () => {
    const lr = linear({ from: 1, to: 0.01, steps: 100 });
    expect(lr(0)).toBe(1);
    expect(lr(50)).toBe((1 - 0.01) * (1 - 50 / 100) + 0.01);
    expect(lr(100)).toBe(0.01);
    expect(lr(1000)).toBe(0.01);
  });

  it('also goes up', () => {
    const lr = linear({ from: 0, to: 2, steps: 4 });
    expect([0, 1, 2, 3, 4, 5].map(lr)).toEqual([0, 0.5, 1, 1.5, 2, 2]);
  });

  it('validates its options', () => {
    expect(() => linear({ from: 1, to: 0, steps: 0 })).toThrow(
      'linear: steps must be an integer > 0, got 0',
    );
    expect(() => linear({ from: -1, to: 0, steps: 3 })).toThrow('linear: from must be');
    expect(() => linear({ from: 1, to: NaN, steps: 3 })).toThrow('linear: to must be');
  });
});
