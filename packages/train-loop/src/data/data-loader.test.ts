import {
  arange,
  defaultGenerator,
  Generator,
  manualSeed,
  tensor,
  type Tensor,
} from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { DataLoader } from './data-loader';
import { TensorDataset } from './tensor-dataset';

const x = arange(0, 20).reshape([10, 2]);
const y = arange(0, 10).int();
const rows = (batches: Tensor[][]) => batches.flatMap(([, yb]) => yb.toArray() as number[]);

describe('DataLoader', () => {
  it('validates batchSize', () => {
    const data = new TensorDataset(x, y);
    expect(() => new DataLoader(data, { batchSize: 0 })).toThrow(
      'DataLoader: batchSize must be a positive integer, got 0',
    );
    expect(() => new DataLoader(data, { batchSize: 2.5 })).toThrow(/got 2\.5/);
  });

  it('batches in order, with the remainder last or dropped, and length counts batches', () => {
    const loader = new DataLoader(new TensorDataset(x, y), { batchSize: 3 });
    expect(loader.length).toBe(4);
    const batches = [...loader];
    expect(batches.map(([xb]) => xb.shape)).toEqual([
      [3, 2],
      [3, 2],
      [3, 2],
      [1, 2],
    ]);
    expect(rows(batches)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const dropping = new DataLoader(new TensorDataset(x, y), { batchSize: 3, dropLast: true });
    expect(dropping.length).toBe(3);
    expect([...dropping].map(([, yb]) => yb.shape[0])).toEqual([3, 3, 3]);
  });

  it("shuffles like PyTorch's DataLoader with a generator, epoch after epoch", () => {
    const g = new Generator(42);
    const ref = new Generator(42);
    const loader = new DataLoader(new TensorDataset(x, y), {
      batchSize: 4,
      shuffle: true,
      generator: g,
    });
    for (let epoch = 0; epoch < 3; epoch++) {
      ref.nextUint32(); // the iterator's 64-bit base seed
      ref.nextUint32();
      const want = Array.from(ref.randperm(10));
      ref.randperm(10); // RandomSampler's discarded tail permutation
      const batches = [...loader];
      expect(batches.map(([, yb]) => yb.shape[0])).toEqual([4, 4, 2]);
      expect(rows(batches)).toEqual(want);
      expect(g.getState()).toEqual(ref.getState());
    }
  });

  it('shuffles from the global generator when given none', () => {
    manualSeed(7);
    const ref = new Generator(7);
    const loader = new DataLoader(new TensorDataset(x, y), { batchSize: 5, shuffle: true });
    const got = rows([...loader]);
    ref.nextUint32(); // base seed
    ref.nextUint32();
    ref.nextUint32(); // RandomSampler's seed: only the low word reaches mt19937
    const want = Array.from(new Generator(ref.nextUint32()).randperm(10));
    expect(got).toEqual(want);
    expect(defaultGenerator.getState()).toEqual(ref.getState());
  });

  it('still takes the base-seed draw without shuffling, as PyTorch does', () => {
    manualSeed(3);
    const ref = new Generator(3);
    [...new DataLoader(new TensorDataset(x, y), { batchSize: 4 })];
    ref.nextUint32();
    ref.nextUint32();
    expect(defaultGenerator.getState()).toEqual(ref.getState());
  });

  it('skips the tail permutation when an epoch is cut short, as breaking out in Python does', () => {
    const g = new Generator(9);
    const ref = new Generator(9);
    const loader = new DataLoader(new TensorDataset(x, y), {
      batchSize: 5,
      shuffle: true,
      generator: g,
    });
    for (const batch of loader) {
      expect(batch).toHaveLength(2);
      break;
    }
    ref.nextUint32();
    ref.nextUint32();
    ref.randperm(10);
    expect(g.getState()).toEqual(ref.getState());
  });

  it('gives the same batches to for and for await', async () => {
    const make = () =>
      new DataLoader(new TensorDataset(x, y), {
        batchSize: 3,
        shuffle: true,
        generator: new Generator(1),
      });
    const sync = rows([...make()]);
    const asyncRows: number[] = [];
    for await (const [, yb] of make()) asyncRows.push(...(yb.toArray() as number[]));
    expect(asyncRows).toEqual(sync);
  });

  it('reads arrays and async map-style datasets through collate', async () => {
    const samples = Array.from({ length: 5 }, (_, i) => [tensor([i, -i]), i % 2] as const);
    const fromArray = [...new DataLoader(samples, { batchSize: 2 })];
    expect(fromArray.map(([xb, yb]) => [xb.shape, yb.toArray()])).toEqual([
      [
        [2, 2],
        [0, 1],
      ],
      [
        [2, 2],
        [0, 1],
      ],
      [[1, 2], [0]],
    ]);
    const remote = {
      length: 4,
      get: async (i: number) => [tensor([i]), i] as const,
    };
    const loader = new DataLoader(remote, {
      batchSize: 3,
      shuffle: true,
      generator: new Generator(2),
    });
    const got: number[] = [];
    for await (const [xb, yb] of loader) {
      expect(xb.toArray()).toEqual((yb.toArray() as number[]).map((v) => [v]));
      got.push(...(yb.toArray() as number[]));
    }
    expect(got.sort()).toEqual([0, 1, 2, 3]);
    expect(() => [...loader]).toThrow(/dataset\.get returned a Promise; iterate with `for await/);
  });

  it('batches (async) iterable datasets, which have no indices to shuffle', async () => {
    function* stream() {
      for (let i = 0; i < 5; i++) yield [tensor([i]), i] as const;
    }
    const iterable = { [Symbol.iterator]: stream };
    expect([...new DataLoader(iterable, { batchSize: 2 })].map(([, yb]) => yb.toArray())).toEqual([
      [0, 1],
      [2, 3],
      [4],
    ]);
    const asyncIterable = {
      async *[Symbol.asyncIterator]() {
        yield* stream();
      },
    };
    const loader = new DataLoader(asyncIterable, { batchSize: 2, dropLast: true });
    const got: unknown[] = [];
    for await (const [, yb] of loader) got.push(yb.toArray());
    expect(got).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(() => [...loader]).toThrow(/the dataset is async/);
    expect(() => loader.length).toThrow(/unknown for an iterable dataset/);
    expect(() => new DataLoader(iterable, { shuffle: true })).toThrow(/no indices to shuffle/);
    expect(() => new DataLoader(42 as unknown as never)).toThrow(/the dataset must be/);
  });
});
