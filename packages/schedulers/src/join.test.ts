import { describe, expect, it } from 'vitest';
import { constant } from './constant';
import { cosineDecay } from './cosine-decay';
import { join } from './join';
import { linear } from './linear';
import { warmup } from './warmup';

describe('join', () => {
  it('runs each schedule from its own step 0 after its boundary', () => {
    const lr = join(
      [warmup({ peak: 1, warmupSteps: 10 }), cosineDecay({ peak: 1, decaySteps: 90 })],
      [10],
    );
    const cosine = cosineDecay({ peak: 1, decaySteps: 90 });
    expect(lr(5)).toBe(0.5);
    expect(lr(10)).toBe(1);
    expect(lr(55)).toBe(cosine(45));
    expect(lr(100)).toBe(0);
  });

  it('joins three pieces', () => {
    const lr = join([constant(1), linear({ from: 2, to: 0, steps: 4 }), constant(3)], [2, 6]);
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(lr)).toEqual([1, 1, 2, 1.5, 1, 0.5, 3, 3]);
    expect(join([constant(7)], [])(100)).toBe(7);
  });

  it('is unaffected by later edits of the arrays passed in', () => {
    const schedules = [constant(1), constant(2)];
    const boundaries = [3];
    const lr = join(schedules, boundaries);
    schedules[1] = constant(9);
    boundaries[0] = 100;
    expect(lr(5)).toBe(2);
  });

  it('validates schedules and boundaries', () => {
    expect(() => join([constant(1), constant(2)], [])).toThrow(
      new RangeError('join: expected 1 boundaries for 2 schedules, got 0'),
    );
    expect(() => join([constant(1), constant(2), constant(3)], [10, 5])).toThrow(
      'join: boundaries must be strictly increasing, got [10, 5]',
    );
    expect(() => join([constant(1), constant(2), constant(3)], [5, 5])).toThrow(
      'strictly increasing',
    );
    expect(() => join([constant(1), constant(2)], [-1])).toThrow(
      'join: boundaries[0] must be a finite number >= 0, got -1',
    );
    expect(() => join([], [])).toThrow('join: expected a non-empty array of schedules');
    expect(() => join([constant(1), 0.1 as never], [3])).toThrow(
      'join: schedules[1] must be a function',
    );
    expect(() => join([constant(1)], [])(-1)).toThrow('join: step must be');
  });
});
