import { tensor, Tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { flattenState } from './flatten-state';
import { unflattenState } from './unflatten-state';

describe('flattenState / unflattenState', () => {
  it('replaces tensors by named placeholders and restores them, dotted names and all', () => {
    const mu = tensor([1, 2]);
    const state = {
      paramGroups: [{ lr: 0.001, betas: [0.9, 0.999], names: ['fc1.weight'] }],
      state: [{ scaleByAdam: { count: { 'fc1.weight': 3 }, mu: { 'fc1.weight': mu } } }],
      odd: [NaN, Infinity, -Infinity, null, true, 'text'],
    };
    const { skeleton, tensors } = flattenState('optimizer', state);
    expect(Object.keys(tensors)).toEqual(['optimizer.state.0.scaleByAdam.mu.fc1.weight']);
    expect(tensors['optimizer.state.0.scaleByAdam.mu.fc1.weight']).toBe(mu);
    const json = JSON.parse(JSON.stringify(skeleton));
    expect(json.state[0].scaleByAdam.mu['fc1.weight']).toEqual({
      __tensor__: 'optimizer.state.0.scaleByAdam.mu.fc1.weight',
    });
    const back = unflattenState(json, tensors) as typeof state;
    expect(back.paramGroups).toEqual(state.paramGroups);
    expect(back.state[0].scaleByAdam.mu['fc1.weight']).toBe(mu);
    expect(back.odd).toEqual([NaN, Infinity, -Infinity, null, true, 'text']);
  });

  it('refuses values JSON cannot carry and names that collide', () => {
    expect(() => flattenState('s', { f: () => 1 })).toThrow(/cannot store s\.f \(function\)/);
    expect(() => flattenState('s', { m: new Map() })).toThrow(/cannot store s\.m/);
    expect(() => flattenState('s', { 'a.b': tensor(1), a: { b: tensor(2) } })).toThrow(
      /both named "s\.a\.b"/,
    );
  });

  it('says which tensor is missing', () => {
    expect(() => unflattenState({ w: { __tensor__: 'x.w' } }, {})).toThrow(
      'unflattenState: the tensor "x.w" is missing',
    );
    expect(unflattenState({ w: { __tensor__: 'x.w' } }, { 'x.w': tensor(1) })).toEqual({
      w: expect.any(Tensor),
    });
  });

  it('keeps keys named __proto__ and constructor, as own keys of ordinary objects', () => {
    const mu = tensor([1, 2]);
    const nu = tensor([3]);
    // JSON.parse makes "__proto__" an own key, as a state keyed by parameter names can have.
    const byName = JSON.parse('{"__proto__": 0, "constructor": 1}') as Record<string, unknown>;
    byName['__proto__'] = mu;
    byName['constructor'] = nu;
    const counts = JSON.parse('{"__proto__": 3, "constructor": 4}') as Record<string, number>;
    const state = { state: [{ mu: byName, count: counts }] };
    const { skeleton, tensors } = flattenState('optimizer', state);
    expect(Object.keys(tensors)).toEqual([
      'optimizer.state.0.mu.__proto__',
      'optimizer.state.0.mu.constructor',
    ]);
    const json = JSON.parse(JSON.stringify(skeleton));
    const back = unflattenState(json, tensors) as {
      state: { mu: Record<string, Tensor>; count: Record<string, number> }[];
    };
    const { mu: backMu, count: backCount } = back.state[0];
    expect(Object.keys(backMu)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(backMu, '__proto__')?.value).toBe(mu);
    expect(backMu['constructor']).toBe(nu);
    expect(Object.getPrototypeOf(backMu)).toBe(Object.prototype);
    expect(Object.keys(backCount)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(backCount, '__proto__')?.value).toBe(3);
  });

  it('looks tensors up by their own names only', () => {
    for (const name of ['constructor', 'toString', '__proto__']) {
      expect(() => unflattenState({ w: { __tensor__: name } }, {})).toThrow(
        `unflattenState: the tensor "${name}" is missing`,
      );
    }
  });
});
