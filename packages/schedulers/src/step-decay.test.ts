import { describe, expect, it } from 'vitest';
import { stepDecay } from './step-decay';

describe('stepDecay', () => {
  it('multiplies by gamma every stepSize steps', () => {
    const lr = stepDecay({ initial: 1, stepSize: 3, gamma: 0.5 });
    expect([0, 1, 2, 3, 5, 6, 9].map(lr)).toEqual([1, 1, 1, 0.5, 0.5, 0.25, 0.125]);
  });

  it('uses the correctly rounded power', () => {
    // 0.9 ** 29 is where V8's ** and Python's differ.
    expect(stepDecay({ initial: 1, stepSize: 1, gamma: 0.9 })(29)).toBe(0.047101286972462485);
  });

  it('validates its options', () => {
    expect(() => stepDecay({ initial: 0.1, stepSize: 0, gamma: 0.1 })).toThrow(
      'stepDecay: stepSize must be an integer > 0, got 0',
    );
    expect(() => stepDecay({ initial: 0.1, stepSize: 2, gamma: -1 })).toThrow(
      'stepDecay: gamma must be a finite number >= 0, got -1',
    );
  });
});
