import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { warmupCosine } from './warmup-cosine';

interface TrainParity {
  config: { lr: number; warmup: number; steps: number };
  lrs: number[];
}

describe('warmupCosine', () => {
  it('equals, with ===, every lr of the PyTorch parity run (train.json)', () => {
    const url = new URL('../../../parity/train.json', import.meta.url);
    const { config, lrs } = JSON.parse(readFileSync(url, 'utf8')) as TrainParity;
    expect(config).toMatchObject({ lr: 3e-4, warmup: 50, steps: 500 });
    expect(lrs).toHaveLength(500);
    const lr = warmupCosine({
      peak: config.lr,
      warmupSteps: config.warmup,
      totalSteps: config.steps,
    });
    const mismatches = lrs.flatMap((expected, step) =>
      lr(step) === expected ? [] : [{ step, expected, got: lr(step) }],
    );
    expect(mismatches).toEqual([]);
  });

  it('warms up, peaks, decays to minLr and holds it', () => {
    const lr = warmupCosine({ peak: 1, warmupSteps: 10, totalSteps: 110, minLr: 0.1 });
    expect(lr(0)).toBe(0);
    expect(lr(5)).toBe(0.5);
    expect(lr(10)).toBe(1);
    expect(lr(60)).toBeCloseTo(0.55, 15);
    expect(lr(110)).toBe(0.1);
    expect(lr(10_000)).toBe(0.1);
    expect(warmupCosine({ peak: 1, warmupSteps: 10, totalSteps: 110 })(110)).toBe(0);
  });

  it('works without warmup and with warmup only', () => {
    expect(warmupCosine({ peak: 2, warmupSteps: 0, totalSteps: 4 })(0)).toBe(2);
    const flat = warmupCosine({ peak: 2, warmupSteps: 4, totalSteps: 4, minLr: 2 });
    expect([0, 2, 4, 9].map(flat)).toEqual([0, 1, 2, 2]);
  });

  it('validates its options', () => {
    expect(() => warmupCosine({ peak: 3e-4, warmupSteps: 600, totalSteps: 500 })).toThrow(
      new RangeError('warmupCosine: warmupSteps (600) must not exceed totalSteps (500)'),
    );
    expect(() =>
      warmupCosine({ peak: 1e-3, warmupSteps: 10, totalSteps: 100, minLr: 1e-2 }),
    ).toThrow('warmupCosine: minLr (0.01) must not exceed peak (0.001)');
    expect(() => warmupCosine({ peak: NaN, warmupSteps: 10, totalSteps: 100 })).toThrow(
      'warmupCosine: peak must be a finite number >= 0, got NaN',
    );
    expect(() => warmupCosine({ peak: 1, warmupSteps: -5, totalSteps: 100 })).toThrow(
      'warmupCosine: warmupSteps must be an integer >= 0, got -5',
    );
    expect(() => warmupCosine({ peak: 1, warmupSteps: 5, totalSteps: 0 })).toThrow(
      'warmupCosine: totalSteps must be an integer > 0, got 0',
    );
  });
});
