import { describe, expect, it } from 'vitest';
import { cosineAnnealing } from './cosine-annealing';
import { cosineDecay } from './cosine-decay';

describe('cosineAnnealing', () => {
  it("follows PyTorch's CosineAnnealingLR past tMax: down, back up, with period 2 * tMax", () => {
    const lr = cosineAnnealing({ baseLr: 1, tMax: 4, etaMin: 0.1 });
    expect(lr(0)).toBe(1);
    expect(lr(2)).toBeCloseTo(0.55, 15);
    expect(lr(4)).toBeCloseTo(0.1, 15);
    expect(lr(6)).toBeCloseTo(0.55, 15);
    expect(lr(8)).toBeCloseTo(1, 15);
    expect(lr(12)).toBeCloseTo(0.1, 15);
    expect(lr(24)).toBeCloseTo(1, 14);
    // cosineDecay is optax's: it holds the minimum instead.
    expect(cosineDecay({ peak: 1, decaySteps: 4, alpha: 0.1 })(8)).toBeCloseTo(0.1, 15);
  });

  it("matches PyTorch's recursive values (CosineAnnealingLR(T_max=3) in PyTorch 1.13)", () => {
    const lr = cosineAnnealing({ baseLr: 0.5, tMax: 3 });
    // The first values of torch-schedulers.json's (0.5, 3) trace, copied for a readable test;
    // the closed form eta_min + (lr - eta_min) * (1 + cos(π t / T)) / 2 gives ...989 at step 4.
    expect([0, 1, 2, 3, 4].map(lr)).toEqual([
      0.5, 0.375, 0.12500000000000006, 0, 0.12499999999999997,
    ]);
  });

  it('returns the same value whatever order steps are asked in', () => {
    const forward = cosineAnnealing({ baseLr: 0.1, tMax: 700 });
    const values = Array.from({ length: 5000 }, (_, s) => forward(s));
    const random = cosineAnnealing({ baseLr: 0.1, tMax: 700 });
    for (const s of [4999, 3, 2048, 1023, 1024, 4000, 0, 4999])
      expect(random(s), `step ${s}`).toBe(values[s]);
  });

  it('validates its options and steps', () => {
    expect(() => cosineAnnealing({ baseLr: 0.1, tMax: 0 })).toThrow(
      new RangeError('cosineAnnealing: tMax must be an integer > 0, got 0'),
    );
    expect(() => cosineAnnealing({ baseLr: -1, tMax: 10 })).toThrow(
      'cosineAnnealing: baseLr must be a finite number >= 0, got -1',
    );
    expect(() => cosineAnnealing({ baseLr: 0.1, tMax: 10, etaMin: NaN })).toThrow(
      'cosineAnnealing: etaMin must be a finite number >= 0, got NaN',
    );
    // PyTorch's recursion only exists at whole steps.
    expect(() => cosineAnnealing({ baseLr: 0.1, tMax: 10 })(2.5)).toThrow(
      'cosineAnnealing: step must be an integer >= 0, got 2.5 (round it first)',
    );
  });
});
