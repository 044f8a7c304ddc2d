import { describe, expect, it } from 'vitest';
import { correctlyRoundedPower } from './correctly-rounded-power';

describe('correctlyRoundedPower', () => {
  it("matches Python's 0.9 ** 29 where V8's ** is one ulp off", () => {
    expect(correctlyRoundedPower(0.9, 29)).toBe(0.047101286972462485);
    expect(0.9 ** 29).not.toBe(0.047101286972462485);
  });

  it('is exact where the result is representable', () => {
    expect(correctlyRoundedPower(0.5, 10)).toBe(2 ** -10);
    expect(correctlyRoundedPower(3, 4)).toBe(81);
    expect(correctlyRoundedPower(0.1, 1)).toBe(0.1);
    expect(correctlyRoundedPower(0.1, 0)).toBe(1);
    expect(correctlyRoundedPower(1, 1e6)).toBe(1);
  });

  it('stays within an ulp of ** and handles large exponents quickly', () => {
    for (const [b, k] of [
      [0.999, 5000],
      [0.95, 123],
      [1.0001, 70000],
      [0.3, 17],
    ]) {
      const v = correctlyRoundedPower(b, k);
      expect(Math.abs(v - b ** k) / v).toBeLessThan(2 ** -51);
    }
  });

  it('falls back to ** outside the normal range and for zero or negative bases', () => {
    expect(correctlyRoundedPower(1e-300, 2)).toBe(0);
    expect(correctlyRoundedPower(1e300, 2)).toBe(Infinity);
    expect(correctlyRoundedPower(0, 3)).toBe(0);
    expect(correctlyRoundedPower(-2, 3)).toBe(-8);
    expect(correctlyRoundedPower(0.5, 0.5)).toBe(0.5 ** 0.5);
  });
});
