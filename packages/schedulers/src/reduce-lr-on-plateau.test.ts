import { describe, expect, it } from 'vitest';
import { ReduceLROnPlateau } from './reduce-lr-on-plateau';

/** Runs `metrics` and records [lr, best, numBadEpochs, cooldownCounter] after each. */
function trace(plateau: ReduceLROnPlateau, metrics: number[]): [number, number, number, number][] {
  return metrics.map((m) => {
    plateau.step(m);
    return [plateau.getLastLr()[0], plateau.best, plateau.numBadEpochs, plateau.cooldownCounter];
  });
}

describe('ReduceLROnPlateau', () => {
  it('follows a sequence traced by hand through PyTorch 1.13', () => {
    // patience 2: the third bad epoch in a row reduces; cooldown 1 swallows the next bad epoch.
    const optimizer = { paramGroups: [{ lr: 1 }] };
    const plateau = new ReduceLROnPlateau(optimizer, {
      patience: 2,
      factor: 0.5,
      threshold: 0,
      cooldown: 1,
    });
    expect(trace(plateau, [10, 9, 9, 9, 9, 9, 9, 8, 8, 8, 8])).toEqual([
      [1, 10, 0, 0],
      [1, 9, 0, 0],
      [1, 9, 1, 0],
      [1, 9, 2, 0],
      [0.5, 9, 0, 1], // reduced, cooldown starts
      [0.5, 9, 0, 0], // bad, but in cooldown
      [0.5, 9, 1, 0],
      [0.5, 8, 0, 0], // improvement resets
      [0.5, 8, 1, 0],
      [0.5, 8, 2, 0],
      [0.25, 8, 0, 1],
    ]);
    expect(optimizer.paramGroups[0].lr).toBe(0.25);
  });

  it("needs improvements beyond the relative threshold (PyTorch's best * (1 - threshold))", () => {
    const plateau = new ReduceLROnPlateau({ paramGroups: [{ lr: 1 }] }, { patience: 0 });
    // 0.99995 and 0.9999 are not below 1 * (1 - 1e-4); 0.99989 is.
    expect(trace(plateau, [1, 0.99995, 0.9999, 0.99989]).map(([lr, best]) => [lr, best])).toEqual([
      [1, 1],
      [0.1, 1],
      [0.1 * 0.1, 1],
      [0.1 * 0.1, 0.99989],
    ]);
  });

  it('maximizes in max mode with an absolute threshold', () => {
    const plateau = new ReduceLROnPlateau(
      { paramGroups: [{ lr: 0.4 }] },
      { mode: 'max', thresholdMode: 'abs', threshold: 0.05, patience: 1, factor: 0.5 },
    );
    const lrs = trace(plateau, [0.5, 0.54, 0.56, 0.6, 0.6, 0.64]).map(([lr]) => lr);
    // 0.54 is not > 0.5 + 0.05 (bad 1); 0.56 is; 0.6 is not (bad 1), twice (bad 2: reduce);
    // 0.64 > 0.56 + 0.05 is the new best.
    expect(lrs).toEqual([0.4, 0.4, 0.4, 0.4, 0.2, 0.2]);
    expect(plateau.best).toBe(0.64);
  });

  it('respects minLr per group and skips reductions smaller than eps', () => {
    const optimizer = { paramGroups: [{ lr: 0.1 }, { lr: 1.5e-8 }] };
    const plateau = new ReduceLROnPlateau(optimizer, { patience: 0, minLr: [0.05, 0] });
    plateau.step(1);
    plateau.step(1);
    // 0.1 → max(0.01, 0.05); 1.5e-8 → 1.5e-9 would change it by 1.35e-8 > eps: reduced.
    expect(plateau.getLastLr()).toEqual([0.05, 1.5e-8 * 0.1]);
    plateau.step(1);
    // Now 0.05 is at its floor and 1.5e-9 would change by less than eps = 1e-8.
    expect(plateau.getLastLr()).toEqual([0.05, 1.5e-8 * 0.1]);
  });

  it('counts a NaN metric as a bad epoch, as PyTorch does', () => {
    const plateau = new ReduceLROnPlateau({ paramGroups: [{ lr: 1 }] }, { patience: 1 });
    plateau.step(1);
    plateau.step(NaN);
    expect(plateau.numBadEpochs).toBe(1);
    expect(plateau.best).toBe(1);
  });

  it('reports the initial lrs before any step', () => {
    expect(new ReduceLROnPlateau({ paramGroups: [{ lr: 0.3 }] }).getLastLr()).toEqual([0.3]);
  });

  it('saves and restores its counters through JSON', () => {
    const optimizer = { paramGroups: [{ lr: 1 }] };
    const fresh = new ReduceLROnPlateau(optimizer, { patience: 2 });
    const empty = JSON.parse(JSON.stringify(fresh.stateDict())) as ReturnType<
      ReduceLROnPlateau['stateDict']
    >;
    expect(empty).toEqual({ best: null, numBadEpochs: 0, cooldownCounter: 0, lastEpoch: 0 });

    trace(fresh, [3, 4, 4]);
    const saved = JSON.parse(JSON.stringify(fresh.stateDict())) as ReturnType<
      ReduceLROnPlateau['stateDict']
    >;
    expect(saved).toEqual({ best: 3, numBadEpochs: 2, cooldownCounter: 0, lastEpoch: 3 });

    const restored = new ReduceLROnPlateau(optimizer, { patience: 2 });
    restored.loadStateDict(saved);
    restored.step(4); // third bad epoch: reduces
    expect(restored.getLastLr()).toEqual([0.1]);
    expect(restored.lastEpoch).toBe(4);

    const reset = new ReduceLROnPlateau(optimizer, { mode: 'max' });
    reset.loadStateDict(empty);
    expect(reset.best).toBe(-Infinity);
    expect(() => reset.loadStateDict({ ...empty, numBadEpochs: -1 })).toThrow(
      'ReduceLROnPlateau.loadStateDict: numBadEpochs must be an integer >= 0, got -1',
    );
  });

  it('validates its options like PyTorch, and more', () => {
    const optimizer = { paramGroups: [{ lr: 1 }, { lr: 1 }] };
    expect(() => new ReduceLROnPlateau(optimizer, { factor: 1 })).toThrow(
      'ReduceLROnPlateau: factor must be below 1 (the lr is multiplied by it), got 1',
    );
    expect(() => new ReduceLROnPlateau(optimizer, { factor: -0.5 })).toThrow(
      'ReduceLROnPlateau: factor must be a finite number >= 0, got -0.5',
    );
    expect(() => new ReduceLROnPlateau(optimizer, { mode: 'avg' as 'min' })).toThrow(
      "ReduceLROnPlateau: mode must be 'min' or 'max', got avg",
    );
    expect(() => new ReduceLROnPlateau(optimizer, { thresholdMode: 'x' as 'rel' })).toThrow(
      "thresholdMode must be 'rel' or 'abs'",
    );
    expect(() => new ReduceLROnPlateau(optimizer, { patience: 1.5 })).toThrow(
      'ReduceLROnPlateau: patience must be an integer >= 0, got 1.5',
    );
    expect(() => new ReduceLROnPlateau(optimizer, { minLr: [0] })).toThrow(
      'ReduceLROnPlateau: expected 2 minLr values (one per paramGroup), got 1',
    );
    expect(() => new ReduceLROnPlateau(optimizer, { minLr: -1 })).toThrow('minLr must be');
    expect(() => new ReduceLROnPlateau(optimizer).step('0.5' as never)).toThrow(
      'ReduceLROnPlateau.step: metric must be a number, got string',
    );
  });
});
