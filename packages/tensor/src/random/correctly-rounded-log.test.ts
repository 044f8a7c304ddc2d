import { describe, expect, it } from 'vitest';
import { correctlyRoundedLog } from './correctly-rounded-log';

describe('correctlyRoundedLog', () => {
  it("gives glibc's log where Math.log is one ulp off", () => {
    // Expected values: Python's math.log (glibc 2.36), which rounds these correctly.
    expect(correctlyRoundedLog(0.09)).toBe(-2.4079456086518722);
    expect(correctlyRoundedLog(0.37)).toBe(-0.9942522733438669);
  });

  it('handles the ends of the range, subnormals and the neighbours of 1', () => {
    const cases: [number, number][] = [
      [5e-324, -744.4400719213812],
      [2.2250738585072014e-308, -708.3964185322641],
      [1e-300, -690.7755278982137],
      [1.7976931348623157e308, 709.782712893384],
      [1 - 2 ** -53, -1.1102230246251565e-16],
      [1 + 2 ** -52, 2.2204460492503128e-16],
      [0.5, -0.6931471805599453],
      [Math.SQRT2, 0.3465735902799727],
      [123456.789, 11.723646487185881],
    ];
    for (const [x, want] of cases) expect(correctlyRoundedLog(x), `log(${x})`).toBe(want);
    expect(correctlyRoundedLog(1)).toBe(0);
    expect(correctlyRoundedLog(0)).toBe(-Infinity);
    expect(correctlyRoundedLog(Infinity)).toBe(Infinity);
    expect(correctlyRoundedLog(-1)).toBeNaN();
    expect(correctlyRoundedLog(NaN)).toBeNaN();
  });
});
