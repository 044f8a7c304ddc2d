import { describe, expect, it } from 'vitest';
import { cosineDecay } from './cosine-decay';

describe('cosineDecay', () => {
  it('follows optax cosine_decay_schedule', () => {
    const lr = cosineDecay({ peak: 0.1, decaySteps: 100 });
    expect(lr(0)).toBe(0.1);
    expect(lr(50)).toBeCloseTo(0.05, 15);
    expect(lr(25)).toBeCloseTo(0.1 * 0.5 * (1 + Math.cos(Math.PI / 4)), 15);
    expect(lr(100)).toBe(0);
    expect(lr(150)).toBe(0);
  });

  it('decays to alpha * peak and holds it', () => {
    const lr = cosineDecay({ peak: 2, decaySteps: 10, alpha: 0.1 });
    expect(lr(0)).toBe(2);
    expect(lr(5)).toBeCloseTo(2 * (0.9 * 0.5 + 0.1), 15);
    expect(lr(10)).toBeCloseTo(0.2, 15);
    expect(lr(11)).toBe(lr(10));
  });

  it('is non-increasing', () => {
    const lr = cosineDecay({ peak: 1, decaySteps: 1000, alpha: 0.05 });
    for (let s = 1; s <= 1000; s++) expect(lr(s)).toBeLessThanOrEqual(lr(s - 1));
  });

  it('validates its options', () => {
    expect(() => cosineDecay({ peak: 1, decaySteps: 0 })).toThrow(
      'cosineDecay: decaySteps must be an integer > 0, got 0',
    );
    expect(() => cosineDecay({ peak: 1, decaySteps: 10, alpha: 1.5 })).toThrow(
      'cosineDecay: alpha must be a number in [0, 1], got 1.5',
    );
    expect(() => cosineDecay({ peak: 1, decaySteps: 10 })(-3)).toThrow(
      'cosineDecay: step must be a finite number >= 0, got -3',
    );
  });
});
