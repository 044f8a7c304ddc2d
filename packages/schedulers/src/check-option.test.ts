import { describe, expect, it } from 'vitest';
import { checkOption } from './check-option';

describe('checkOption', () => {
  it('returns valid values', () => {
    expect(checkOption('op', 'x', 0, 'nonNegative')).toBe(0);
    expect(checkOption('op', 'x', 3, 'positiveInteger')).toBe(3);
    expect(checkOption('op', 'x', 1, 'unitInterval')).toBe(1);
    expect(checkOption('op', 'x', -2.5, 'finite')).toBe(-2.5);
  });

  it('names the function, the option and the value', () => {
    expect(() => checkOption('cosineDecay', 'decaySteps', 0, 'positiveInteger')).toThrow(
      new RangeError('cosineDecay: decaySteps must be an integer > 0, got 0'),
    );
    expect(() => checkOption('warmup', 'warmupSteps', 12.5, 'nonNegativeInteger')).toThrow(
      'warmup: warmupSteps must be an integer >= 0, got 12.5 (round it first)',
    );
    expect(() => checkOption('linear', 'from', NaN, 'nonNegative')).toThrow(
      'linear: from must be a finite number >= 0, got NaN',
    );
    expect(() => checkOption('oneCycle', 'pctStart', 1.5, 'unitInterval')).toThrow(
      'must be a number in [0, 1], got 1.5',
    );
    expect(() => checkOption('x', 'rate', 0, 'positive')).toThrow('> 0, got 0');
    expect(() => checkOption('x', 'v', Infinity, 'finite')).toThrow('got Infinity');
  });

  it('throws TypeError for non-numbers', () => {
    expect(() => checkOption('constant', 'value', '0.1', 'nonNegative')).toThrow(
      new TypeError('constant: value must be a finite number >= 0, got "0.1"'),
    );
    expect(() => checkOption('op', 'peak', undefined, 'nonNegative')).toThrow('got undefined');
    expect(() => checkOption('op', 'peak', {}, 'nonNegative')).toThrow('got an object');
    expect(() => checkOption('op', 'peak', [1], 'nonNegative')).toThrow('got an array');
    expect(() => checkOption('op', 'peak', 1n, 'nonNegative')).toThrow('got 1n');
  });
});
