import { describe, expect, it } from 'vitest';
import { expFloat } from './exp-float';

describe('expFloat', () => {
  it('is within 1e-11 of Math.exp, relative, across the float32 range', () => {
    let worst = 0;
    for (let i = 0; i <= 200_000; i++) {
      const x = -103 + (192 * i) / 200_000; // [−103, 89]
      const want = Math.exp(x);
      worst = Math.max(worst, Math.abs(expFloat(x) / want - 1));
    }
    expect(worst).toBeLessThan(1e-11);
  });

  it('rounds to the same float32 as Math.exp for all but a handful of a million inputs', () => {
    let differ = 0;
    let worstUlps = 0;
    for (let i = 0; i < 1_000_000; i++) {
      const x = Math.fround(-20 + (40 * i) / 1_000_000);
      const a = Math.fround(expFloat(x));
      const b = Math.fround(Math.exp(x));
      if (a !== b) {
        differ++;
        worstUlps = Math.max(worstUlps, Math.abs(a - b) / (b * 2 ** -23));
      }
    }
    expect(differ).toBeLessThan(20);
    expect(worstUlps).toBeLessThanOrEqual(1);
  });

  it('overflows, underflows and passes NaN as float32 Math.exp does', () => {
    for (const x of [88.7, 88.73, 89, 100, 710, Infinity]) {
      expect(Math.fround(expFloat(x))).toBe(Math.fround(Math.exp(x)));
    }
    for (const x of [-87.3, -100, -103.9, -104, -105, -800, -Infinity]) {
      expect(Math.fround(expFloat(x))).toBe(Math.fround(Math.exp(x)));
    }
    expect(expFloat(NaN)).toBeNaN();
    expect(expFloat(0)).toBe(1);
    expect(expFloat(-0)).toBe(1);
  });
});
