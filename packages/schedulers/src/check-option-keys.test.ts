import { describe, expect, it } from 'vitest';
import { checkOptionKeys } from './check-option-keys';

describe('checkOptionKeys', () => {
  const allowed = ['peak', 'warmupSteps', 'totalSteps', 'minLr'];

  it('accepts the allowed keys, all or some', () => {
    expect(() => checkOptionKeys('op', { peak: 1, warmupSteps: 2 }, allowed)).not.toThrow();
    expect(() => checkOptionKeys('op', {}, allowed)).not.toThrow();
  });

  it('suggests the camelCase key for a snake_case one', () => {
    expect(() => checkOptionKeys('warmupCosine', { warmup_steps: 5 }, allowed)).toThrow(
      new TypeError("warmupCosine: unknown option 'warmup_steps'; did you mean 'warmupSteps'?"),
    );
    expect(() => checkOptionKeys('op', { min_lr: 0 }, allowed)).toThrow("did you mean 'minLr'?");
  });

  it('suggests keys that differ in case or by a typo, and lists the keys otherwise', () => {
    expect(() => checkOptionKeys('cosineAnnealing', { T_max: 5 }, ['baseLr', 'tMax'])).toThrow(
      "cosineAnnealing: unknown option 'T_max'; did you mean 'tMax'?",
    );
    expect(() => checkOptionKeys('op', { totalStep: 5 }, allowed)).toThrow(
      "did you mean 'totalSteps'?",
    );
    expect(() => checkOptionKeys('op', { peek: 5 }, allowed)).toThrow("did you mean 'peak'?");
    // Too short to guess: 'lr' is not a typo of 'to'.
    expect(() => checkOptionKeys('linear', { lr: 5 }, ['from', 'to', 'steps'])).toThrow(
      "linear: unknown option 'lr'; expected one of 'from', 'to', 'steps'",
    );
  });

  it('rejects non-objects and words state dicts as such', () => {
    expect(() => checkOptionKeys('warmup', undefined, allowed)).toThrow(
      new TypeError('warmup: expected options to be an object like { peak: … }, got undefined'),
    );
    expect(() => checkOptionKeys('op', null, allowed)).toThrow('got null');
    expect(() => checkOptionKeys('op', [1], allowed)).toThrow('got an array');
    expect(() => checkOptionKeys('op', 0.1, allowed)).toThrow('got number');
    expect(() => checkOptionKeys('L.loadStateDict', null, ['stepCount'], 'state key')).toThrow(
      'L.loadStateDict: expected a state dict to be an object like { stepCount: … }, got null',
    );
    expect(() =>
      checkOptionKeys('L.loadStateDict', { last_epoch: 3 }, ['stepCount'], 'state key'),
    ).toThrow("L.loadStateDict: unknown state key 'last_epoch'; expected one of 'stepCount'");
  });
});
