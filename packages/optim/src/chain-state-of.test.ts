import { tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import {
  chain,
  scaleByAdam,
  scaleByLearningRate,
  scaleByLion,
  type ScaleByAdamState,
  type ScaleByLearningRateState,
} from './index';

const params = () => ({ w: tensor([1, -2, 3]) });
const grads = () => ({ w: tensor([0.5, -1, 2]) });

describe("chain's typed accessors find a member's state by identity", () => {
  it('a second scaleByAdam in a chain reads and writes its own state, not the first one', () => {
    const first = scaleByAdam();
    const second = scaleByAdam({ b1: 0.5 });
    const tx = chain(first, second, scaleByLearningRate(1));
    const s1 = tx.update(grads(), tx.init(params()), params()).state;
    expect([tx.keyOf(first), tx.keyOf(second)]).toEqual(['scaleByAdam', 'scaleByAdam#2']);
    expect(tx.stateOf(first, s1)).toBe(s1.scaleByAdam);
    expect(tx.stateOf(second, s1)).toBe(s1['scaleByAdam#2']);
    // The second one's first moment is (1 − 0.5)·(the first one's update), and that update is
    // ±1 on the first step (m̂ / √v̂ with m̂ = g, v̂ = g²).
    expect(tx.stateOf(first, s1).mu.w.toArray()).toEqual(
      [0.05, -0.1, 0.2].map((x) => Math.fround(x)),
    );
    const secondMu = tx.stateOf(second, s1).mu.w.toArray() as number[];
    secondMu.forEach((x, i) => expect(x).toBeCloseTo([0.5, -0.5, 0.5][i], 6));
    // withState replaces that member's state only, in a copy.
    const reset = tx.withState(s1, second, { ...tx.stateOf(second, s1), count: { w: 0 } });
    expect(tx.stateOf(second, reset).count).toEqual({ w: 0 });
    expect(tx.stateOf(first, reset).count).toEqual({ w: 1 });
    expect(tx.stateOf(second, s1).count).toEqual({ w: 1 });
  });

  it('a renamed member, in another order, is still found (its key follows the name)', () => {
    const adam = scaleByAdam();
    const plain = scaleByAdam();
    const renamed = { ...scaleByAdam(), name: 'adam' };
    const rate = scaleByLearningRate(0.1);
    const tx = chain(rate, renamed, adam);
    const s = tx.update(grads(), tx.init(params()), params()).state;
    expect(Object.keys(s)).toEqual(['scaleByLearningRate', 'adam', 'scaleByAdam']);
    expect(tx.stateOf(renamed, s)).toBe(s.adam);
    expect(tx.stateOf(adam, s)).toBe(s.scaleByAdam);
    expect(tx.stateOf(rate, s)).toEqual({ count: 1, lr: 0.1 });
    expect(tx.stateOf(renamed, s).count).toEqual({ w: 1 });
    // A transform of the same kind that is not in the chain is refused, not confused with one.
    expect(() => tx.stateOf(plain, s)).toThrow(
      "chain.stateOf: the transform 'scaleByAdam' is not a member of this chain (its members: " +
        'scaleByLearningRate, adam, scaleByAdam); pass the object given to chain()',
    );
  });

  it('refuses a member that is in the chain twice, and a state another chain made', () => {
    const adam = scaleByAdam();
    const twice = chain(adam, adam);
    expect(() => twice.stateOf(adam, twice.init(params()))).toThrow(
      "chain.stateOf: the transform 'scaleByAdam' is in this chain more than once",
    );
    const tx = chain(adam, scaleByLearningRate(1));
    const other = chain(scaleByLearningRate(1)).init(params());
    expect(() => tx.stateOf(adam, other)).toThrow(
      "chain.stateOf: the state has no entry 'scaleByAdam' for the transform 'scaleByAdam' " +
        '(its keys: scaleByLearningRate); it was not made by this chain',
    );
  });

  it('is typed: a member of another kind, or the wrong state type, does not compile', () => {
    const adam = scaleByAdam();
    const rate = scaleByLearningRate(1);
    const tx = chain(adam, rate);
    const state = tx.init(params());
    const moments: ScaleByAdamState = tx.stateOf(adam, state);
    const lr: ScaleByLearningRateState = tx.stateOf(rate, state);
    expect([moments.count, lr]).toEqual([{ w: 0 }, { count: 0, lr: 1 }]);
    // @ts-expect-error -- scaleByLion is of a kind this chain does not hold
    expect(() => tx.stateOf(scaleByLion(), state)).toThrow(/not a member of this chain/);
    // @ts-expect-error -- Adam's state has no learning rate
    expect(tx.stateOf(adam, state).lr).toBeUndefined();
    // @ts-expect-error -- a learning-rate state is not an Adam state
    expect(() => tx.withState(state, adam, { count: 0, lr: 1 })).not.toThrow();
  });
});
