import { afterEach, describe, expect, it } from 'vitest';
import { getNumThreads } from './get-num-threads';
import { setNumThreads } from './set-num-threads';

const initial = getNumThreads();
afterEach(() => setNumThreads(initial));

describe('setNumThreads / getNumThreads', () => {
  it('defaults to the available parallelism, at least 1 and at most 8', () => {
    expect(initial).toBeGreaterThanOrEqual(1);
    expect(initial).toBeLessThanOrEqual(8);
  });

  it('returns what was set', () => {
    setNumThreads(3);
    expect(getNumThreads()).toBe(3);
    setNumThreads(1);
    expect(getNumThreads()).toBe(1);
  });

  it('rejects counts that are not positive integers', () => {
    for (const n of [0, -1, 1.5, Number.NaN]) {
      expect(() => setNumThreads(n)).toThrow(/setNumThreads: expected an integer >= 1, got/);
    }
  });
});
