import { tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import {
  addDecayedWeights,
  chain,
  clipByGlobalNorm,
  masked,
  scaleByAdam,
  scaleByLearningRate,
  type ScaleByAdamState,
  type ScaleByLearningRateState,
} from './index';

const params = () => ({ 'fc.weight': tensor([1, 2]), 'fc.bias': tensor([0.5]) });
const grads = () => ({ 'fc.weight': tensor([0.1, -0.2]), 'fc.bias': tensor([1]) });

describe('gradient transforms', () => {
  it('chain keeps each state under its transform name, never by position', () => {
    const tx = chain(
      scaleByAdam(),
      addDecayedWeights(0.1),
      scaleByLearningRate((step) => 0.1 / (step + 1)),
    );
    const state = tx.init(params());
    expect(Object.keys(state)).toEqual(['scaleByAdam', 'addDecayedWeights', 'scaleByLearningRate']);
    const { state: next } = tx.update(grads(), state, params());
    const lr = next.scaleByLearningRate as ScaleByLearningRateState;
    expect(lr).toEqual({ count: 1, lr: 0.1 });
    const adam = next.scaleByAdam as ScaleByAdamState;
    expect(adam.count).toEqual({ 'fc.weight': 1, 'fc.bias': 1 });
    expect(chain(scaleByLearningRate(1), scaleByLearningRate(2)).init(params())).toHaveProperty(
      'scaleByLearningRate#2',
    );
  });

  it('update never mutates its inputs', () => {
    const tx = chain(scaleByAdam(), scaleByLearningRate(0.1));
    const p = params();
    const g = grads();
    const state = tx.init(p);
    const before = JSON.stringify({
      s: (state.scaleByAdam as ScaleByAdamState).count,
      g: g['fc.weight'].toArray(),
    });
    const mu = (state.scaleByAdam as ScaleByAdamState).mu['fc.weight'];
    tx.update(g, state, p);
    expect(
      JSON.stringify({
        s: (state.scaleByAdam as ScaleByAdamState).count,
        g: g['fc.weight'].toArray(),
      }),
    ).toBe(before);
    expect(mu.toArray()).toEqual([0, 0]);
  });

  it('the first Adam update has magnitude lr along the gradient sign', () => {
    const tx = chain(scaleByAdam(), scaleByLearningRate(0.01));
    const { updates } = tx.update(grads(), tx.init(params()), params());
    const u = updates['fc.weight'].toArray() as number[];
    expect(u[0]).toBeCloseTo(-0.01, 6);
    expect(u[1]).toBeCloseTo(0.01, 6);
  });

  it('masked applies the inner transform to the selected names only', () => {
    const tx = masked(addDecayedWeights(1), (name) => name.endsWith('.weight'));
    const { updates } = tx.update(grads(), tx.init(params()), params());
    expect(updates['fc.weight'].toArray()).toEqual([1.1, 1.8].map(Math.fround));
    expect(updates['fc.bias'].toArray()).toEqual([1]);
  });

  it('clipByGlobalNorm scales all updates together and records the norm', () => {
    const tx = clipByGlobalNorm(0.5);
    const g = { a: tensor([3]), b: tensor([4]) };
    const { updates, state } = tx.update(g, tx.init(g), g);
    expect(state.norm).toBeCloseTo(5, 6);
    expect(updates.a.item()).toBeCloseTo(0.3, 5);
    expect(updates.b.item()).toBeCloseTo(0.4, 5);
  });
});
