import { defaultGenerator, Generator, manualSeed } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { batchSampler } from './batch-sampler';
import { randomSampler } from './random-sampler';

describe('randomSampler', () => {
  it('with a generator: randperm(n) from it, then one discarded randperm once used up', () => {
    const g = new Generator(123);
    const ref = new Generator(123);
    const order = [...randomSampler(7, g)];
    expect(order).toEqual(Array.from(ref.randperm(7)));
    ref.randperm(7);
    expect(g.getState()).toEqual(ref.getState());
  });

  it('without one: seeds a fresh generator from a 64-bit draw of the global generator', () => {
    manualSeed(5);
    const ref = new Generator(5);
    ref.nextUint32(); // high word of the seed: above the 32 bits mt19937 keeps
    const low = ref.nextUint32();
    const order = [...randomSampler(9)];
    expect(order).toEqual(Array.from(new Generator(low).randperm(9)));
    // The permutations come from the private generator: the global one moved by 2 draws only.
    expect(defaultGenerator.getState()).toEqual(ref.getState());
  });

  it('is lazy: nothing is drawn until the first index is asked for', () => {
    const g = new Generator(1);
    const before = g.getState();
    const it = randomSampler(4, g);
    expect(g.getState()).toEqual(before);
    it.next();
    expect(g.getState()).not.toEqual(before);
  });
});

describe('batchSampler', () => {
  it('groups indices and keeps or drops the remainder', () => {
    expect([...batchSampler([0, 1, 2, 3, 4], 2, false)]).toEqual([[0, 1], [2, 3], [4]]);
    expect([...batchSampler([0, 1, 2, 3, 4], 2, true)]).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect([...batchSampler([], 3, false)]).toEqual([]);
  });
});
