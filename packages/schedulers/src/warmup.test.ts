import { describe, expect, it } from 'vitest';
import { warmup } from './warmup';

describe('warmup', () => {
  it('rises linearly from 0 to the peak and stays there', () => {
    const lr = warmup({ peak: 1, warmupSteps: 4 });
    expect([0, 1, 2, 3, 4, 5, 100].map(lr)).toEqual([0, 0.25, 0.5, 0.75, 1, 1, 1]);
    expect(warmup({ peak: 3e-4, warmupSteps: 50 })(7)).toBe((3e-4 * 7) / 50);
  });

  it('is constant without warmup steps', () => {
    expect(warmup({ peak: 0.1, warmupSteps: 0 })(0)).toBe(0.1);
  });

  it('validates its options', () => {
    expect(() => warmup({ peak: 0.1, warmupSteps: -1 })).toThrow(
      'warmup: warmupSteps must be an integer >= 0, got -1',
    );
    expect(() => warmup({ peak: -0.1, warmupSteps: 5 })).toThrow('warmup: peak must be');
  });
});
