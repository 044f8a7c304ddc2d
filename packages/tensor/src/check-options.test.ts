import { describe, expect, it } from 'vitest';
import { checkOptions, closestName } from './index';

describe('checkOptions', () => {
  const allowed = ['lr', 'weightDecay', 'momentum'];
  it('accepts known keys and undefined options', () => {
    expect(() => checkOptions('SGD', { lr: 1, momentum: 0.9 }, allowed)).not.toThrow();
    expect(() => checkOptions('SGD', undefined, allowed)).not.toThrow();
  });
  it('suggests the camelCase, alias or near-miss name, else lists the keys', () => {
    expect(() => checkOptions('SGD', { weight_decay: 0 }, allowed)).toThrow(
      "SGD: unknown option 'weight_decay'; did you mean 'weightDecay'?",
    );
    expect(() => checkOptions('SGD', { momentun: 0 }, allowed)).toThrow("did you mean 'momentum'?");
    expect(() => checkOptions('SGD', { rate: 0 }, allowed, { rate: 'lr' })).toThrow(
      "did you mean 'lr'?",
    );
    expect(() => checkOptions('SGD', { xy: undefined }, allowed)).toThrow(
      "SGD: unknown option 'xy'; expected one of 'lr', 'weightDecay', 'momentum'",
    );
  });
  it('refuses options that are not a plain object', () => {
    expect(() => checkOptions('SGD', 0.1, allowed)).toThrow(
      'SGD: expected options to be an object like { lr: … }, got number',
    );
    expect(() => checkOptions('SGD', null, allowed)).toThrow('got null');
    expect(() => checkOptions('SGD', [1], allowed)).toThrow('got an array');
  });
});

describe('closestName', () => {
  it('matches short names strictly, and only case and underscores when not fuzzy', () => {
    expect(closestName('to', ['lr'])).toBeUndefined();
    expect(closestName('FAN_IN', ['fanIn'], { fuzzy: false })).toBe('fanIn');
    expect(closestName('float16', ['float32'], { fuzzy: false })).toBeUndefined();
    expect(closestName('float16', ['float32'])).toBe('float32');
  });
});
