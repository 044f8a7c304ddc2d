import { describe, expect, it } from 'vitest';
import { oneCycle } from './one-cycle';

describe('oneCycle', () => {
  it('starts at maxLr / divFactor, peaks at pctStart and ends at the minimum', () => {
    const lr = oneCycle({ maxLr: 0.1, totalSteps: 1000 });
    // PyTorch's formula end + (start - end) / 2 * (cos + 1) leaves 0.0040000000000000036 here.
    expect(lr(0)).toBe(0.1 + ((0.1 / 25 - 0.1) / 2) * 2);
    expect(lr(0)).toBeCloseTo(0.004, 17);
    expect(lr(299)).toBe(0.1);
    expect(lr(999)).toBe(0.1 / 25 / 1e4);
    expect(lr(5000)).toBe(lr(999));
    for (let s = 1; s < 300; s++) expect(lr(s)).toBeGreaterThan(lr(s - 1));
    for (let s = 300; s < 1000; s++) expect(lr(s)).toBeLessThan(lr(s - 1));
  });

  it('anneals linearly on request', () => {
    const lr = oneCycle({
      maxLr: 1,
      totalSteps: 11,
      pctStart: 0.5,
      divFactor: 10,
      finalDivFactor: 1,
      annealStrategy: 'linear',
    });
    // Peak at step 0.5 * 11 - 1 = 4.5, end at step 10.
    expect(lr(0)).toBe(0.1);
    expect(lr(4)).toBeCloseTo(0.1 + (0.9 * 4) / 4.5, 14);
    expect(lr(10)).toBeCloseTo(0.1, 16);
  });

  it("reaches the peak at step 0 when pctStart * totalSteps is 1 (PyTorch's division by zero)", () => {
    const lr = oneCycle({ maxLr: 0.5, totalSteps: 10, pctStart: 0.1 });
    expect(lr(0)).toBe(0.5);
    expect(lr(9)).toBe(0.5 / 25 / 1e4);
  });

  it('validates its options', () => {
    expect(() => oneCycle({ maxLr: 0.1, totalSteps: 0 })).toThrow(
      'oneCycle: totalSteps must be an integer > 0, got 0',
    );
    expect(() => oneCycle({ maxLr: 0.1, totalSteps: 10, pctStart: 1.2 })).toThrow(
      'oneCycle: pctStart must be a number in [0, 1], got 1.2',
    );
    expect(() => oneCycle({ maxLr: 0.1, totalSteps: 10, divFactor: 0 })).toThrow(
      'oneCycle: divFactor must be a finite number > 0, got 0',
    );
    expect(() => oneCycle({ maxLr: 0.1, totalSteps: 10, annealStrategy: 'exp' as 'cos' })).toThrow(
      "oneCycle: annealStrategy must be 'cos' or 'linear', got exp",
    );
  });
});
