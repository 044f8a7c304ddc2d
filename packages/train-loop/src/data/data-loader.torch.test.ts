import { readFileSync } from 'node:fs';
import { arange, Generator, manualSeed, randn } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { DataLoader } from './data-loader';
import { TensorDataset } from './tensor-dataset';

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/dataloader-fixtures.json', import.meta.url), 'utf8'),
) as {
  torch: string;
  cases: {
    seed: number;
    n: number;
    batchSize: number;
    dropLast: boolean;
    generatorSeed: number | null;
    epochs: number[][][];
    randnAfter: number[];
  }[];
};

describe(`DataLoader shuffles like torch.utils.data.DataLoader ${fixture.torch}`, () => {
  for (const c of fixture.cases) {
    it(`seed ${c.seed}, n ${c.n}, batch ${c.batchSize}, dropLast ${c.dropLast}, generator ${c.generatorSeed}`, () => {
      manualSeed(c.seed);
      const generator = c.generatorSeed === null ? undefined : new Generator(c.generatorSeed);
      const loader = new DataLoader(new TensorDataset(arange(c.n)), {
        batchSize: c.batchSize,
        shuffle: true,
        dropLast: c.dropLast,
        generator,
      });
      for (const expected of c.epochs) {
        const batches: unknown[] = [];
        for (const [b] of loader) batches.push(b.toArray());
        expect(batches).toEqual(expected);
      }
      // The default generator was advanced exactly as PyTorch advances it.
      expect(randn([3]).toArray()).toEqual(c.randnAfter.map(Math.fround));
    });
  }
});
