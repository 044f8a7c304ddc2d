import { describe, expect, it } from 'vitest';
import { formatLr } from './format-lr';

describe('formatLr', () => {
  it('prints two significant digits, plain or in exponent form', () => {
    expect(formatLr(0)).toBe('0');
    expect(formatLr(3e-4)).toBe('3.0e-4');
    expect(formatLr(0.000226)).toBe('2.3e-4');
    expect(formatLr(0.1)).toBe('0.1');
    expect(formatLr(0.075)).toBe('0.075');
    expect(formatLr(0.0123)).toBe('0.012');
    expect(formatLr(25)).toBe('25');
    expect(formatLr(12345)).toBe('1.2e4');
    expect(formatLr(-0.5)).toBe('-0.5');
  });
});
