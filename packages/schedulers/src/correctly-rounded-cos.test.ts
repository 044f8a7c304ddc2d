import { describe, expect, it } from 'vitest';
import { correctlyRoundedCos } from './correctly-rounded-cos';
import { loadTorchFixtures } from './fixtures/load-torch-fixtures';

describe('correctlyRoundedCos', () => {
  const { x, python, correctlyRounded } = loadTorchFixtures().cos;

  it('equals the correctly rounded cosine (mpmath) at every fixture argument', () => {
    const wrong = x.filter((v, i) => correctlyRoundedCos(v) !== correctlyRounded[i]);
    expect(wrong).toEqual([]);
  });

  it("agrees with Python's math.cos wherever glibc rounds correctly, unlike Math.cos", () => {
    const disagree = (cos: (v: number) => number) =>
      x.filter((v, i) => python[i] === correctlyRounded[i] && cos(v) !== python[i]).length;
    expect(disagree(correctlyRoundedCos)).toBe(0);
    // The reason this function exists: fdlibm's cos differs from glibc's now and then.
    expect(disagree(Math.cos)).toBeGreaterThan(0);
  });

  it('handles exact and extreme arguments', () => {
    expect(correctlyRoundedCos(0)).toBe(1);
    expect(correctlyRoundedCos(-0)).toBe(1);
    expect(correctlyRoundedCos(1e-9)).toBe(1);
    expect(correctlyRoundedCos(Math.PI)).toBe(-1);
    expect(correctlyRoundedCos(Math.PI / 2)).toBe(6.123233995736766e-17);
    expect(correctlyRoundedCos(-2)).toBe(correctlyRoundedCos(2));
    expect(correctlyRoundedCos(1e300)).toBe(Math.cos(1e300));
    expect(correctlyRoundedCos(NaN)).toBeNaN();
    expect(correctlyRoundedCos(Infinity)).toBeNaN();
  });
});
