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

  it('continues one step past the minimum at totalSteps, as PyTorch does, and throws after', () => {
    const lr = oneCycle({ maxLr: 0.1, totalSteps: 100 });
    // PyTorch 1.13 gives 5.074647154757325e-05 after the 100th step() (the cosine rising again).
    expect(lr(100)).toBe(5.074647154757325e-5);
    expect(lr(100)).toBeGreaterThan(lr(99));
    expect(() => lr(101)).toThrow(
      new RangeError(
        "oneCycle: step 101 is past the end of the cycle (totalSteps 100); PyTorch's OneCycleLR raises here too. Raise totalSteps to the number of step() calls, or join() another schedule after the cycle",
      ),
    );
    expect(() => lr(5000)).toThrow('past the end of the cycle');
    // Linear annealing overshoots below the minimum, here below 0, as in PyTorch.
    const linear = oneCycle({ maxLr: 1, totalSteps: 11, pctStart: 0.5, annealStrategy: 'linear' });
    expect(linear(11)).toBeLessThan(0);
  });

  it('has no lr at totalSteps when pctStart is 1 (PyTorch divides by zero there)', () => {
    const lr = oneCycle({ maxLr: 2e-3, totalSteps: 250, pctStart: 1, annealStrategy: 'linear' });
    expect(lr(249)).toBe(2e-3);
    expect(() => lr(250)).toThrow(
      'oneCycle: with pctStart 1 the cycle has no annealing phase, so there is no lr for step 250',
    );
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
