import { describe, expect, it } from 'vitest';
import { constant } from './constant';

describe('constant', () => {
  it('returns the value at every step', () => {
    const lr = constant(1e-3);
    expect([0, 1, 999, 1e9].map(lr)).toEqual([1e-3, 1e-3, 1e-3, 1e-3]);
    expect(constant(0)(5)).toBe(0);
  });

  it('rejects invalid values and steps', () => {
    expect(() => constant(-1)).toThrow('constant: value must be a finite number >= 0, got -1');
    expect(() => constant(NaN)).toThrow('got NaN');
    expect(() => constant(0.1)(-1)).toThrow('constant: step must be a finite number >= 0, got -1');
    expect(() => constant(0.1)(NaN)).toThrow('got NaN');
  });
});
