import { describe, expect, it } from 'vitest';
import { exponentialDecay } from './exponential-decay';

describe('exponentialDecay', () => {
  it('decays continuously', () => {
    const lr = exponentialDecay({ initial: 0.1, rate: 0.5, transitionSteps: 100 });
    expect(lr(0)).toBe(0.1);
    expect(lr(100)).toBe(0.05);
    expect(lr(150)).toBe(0.1 * 0.5 ** 1.5);
    expect(lr(300)).toBe(0.0125);
  });

  it('decays in stairs', () => {
    const lr = exponentialDecay({ initial: 0.1, rate: 0.5, transitionSteps: 100, staircase: true });
    expect([0, 99, 100, 199, 200].map(lr)).toEqual([0.1, 0.1, 0.05, 0.05, 0.025]);
  });

  it('can grow', () => {
    expect(exponentialDecay({ initial: 1, rate: 2, transitionSteps: 1 })(10)).toBe(1024);
  });

  it('validates its options', () => {
    expect(() => exponentialDecay({ initial: 1, rate: 0, transitionSteps: 1 })).toThrow(
      'exponentialDecay: rate must be a finite number > 0, got 0',
    );
    expect(() => exponentialDecay({ initial: 1, rate: 0.5, transitionSteps: 0 })).toThrow(
      'exponentialDecay: transitionSteps must be an integer > 0, got 0',
    );
    expect(() =>
      exponentialDecay({ initial: 1, rate: 0.5, transitionSteps: 1, staircase: 'yes' as never }),
    ).toThrow('exponentialDecay: staircase must be a boolean, got yes');
  });
});
