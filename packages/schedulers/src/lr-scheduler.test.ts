import { describe, expect, it } from 'vitest';
import { constant } from './constant';
import { LRScheduler } from './lr-scheduler';
import { stepDecay } from './step-decay';
import { warmup } from './warmup';

describe('LRScheduler', () => {
  it("sets step 0's lr on construction, like PyTorch's schedulers", () => {
    const optimizer = { paramGroups: [{ lr: 0.1 }] };
    const scheduler = new LRScheduler(optimizer, warmup({ peak: 1, warmupSteps: 4 }));
    expect(optimizer.paramGroups[0].lr).toBe(0);
    expect(scheduler.getLastLr()).toEqual([0]);
    expect(scheduler.lastEpoch).toBe(0);
    expect(scheduler.stepCount).toBe(0);
  });

  it('advances one step per step() and sets every group', () => {
    const optimizer = { paramGroups: [{ lr: 0.1 }, { lr: 0.2, momentum: 0.9 }] };
    const scheduler = new LRScheduler(
      optimizer,
      stepDecay({ initial: 1, stepSize: 2, gamma: 0.5 }),
    );
    const seen: number[][] = [scheduler.getLastLr()];
    for (let i = 0; i < 4; i++) {
      scheduler.step();
      seen.push(scheduler.getLastLr());
    }
    expect(seen).toEqual([
      [1, 1],
      [1, 1],
      [0.5, 0.5],
      [0.5, 0.5],
      [0.25, 0.25],
    ]);
    expect(optimizer.paramGroups).toEqual([{ lr: 0.25 }, { lr: 0.25, momentum: 0.9 }]);
    expect(scheduler.lastEpoch).toBe(4);
  });

  it('takes one schedule per group', () => {
    const optimizer = { paramGroups: [{ lr: 0 }, { lr: 0 }] };
    const scheduler = new LRScheduler(optimizer, [
      constant(1),
      warmup({ peak: 1, warmupSteps: 2 }),
    ]);
    scheduler.step();
    expect(scheduler.getLastLr()).toEqual([1, 0.5]);
    expect(() => new LRScheduler(optimizer, [constant(1)])).toThrow(
      'LRScheduler: got 1 schedules for 2 paramGroups; pass one per group or a single schedule',
    );
  });

  it('getLastLr returns a copy', () => {
    const scheduler = new LRScheduler({ paramGroups: [{ lr: 0 }] }, constant(0.1));
    scheduler.getLastLr()[0] = 5;
    expect(scheduler.getLastLr()).toEqual([0.1]);
  });

  it('saves and restores the count, and sets the lr for it', () => {
    const schedule = stepDecay({ initial: 1, stepSize: 1, gamma: 0.5 });
    const first = new LRScheduler({ paramGroups: [{ lr: 0 }] }, schedule);
    for (let i = 0; i < 3; i++) first.step();
    const saved = JSON.parse(JSON.stringify(first.stateDict())) as ReturnType<
      LRScheduler['stateDict']
    >;
    expect(saved).toEqual({ stepCount: 3 });

    const optimizer = { paramGroups: [{ lr: 0 }] };
    const second = new LRScheduler(optimizer, schedule);
    second.loadStateDict(saved);
    expect(second.lastEpoch).toBe(3);
    expect(optimizer.paramGroups[0].lr).toBe(0.125);
    second.step();
    expect(second.getLastLr()).toEqual([0.0625]);
    expect(() => second.loadStateDict({ stepCount: -1 })).toThrow(
      'LRScheduler.loadStateDict: stepCount must be an integer >= 0, got -1',
    );
  });

  it('rejects bad arguments and leaves everything unchanged when a schedule fails', () => {
    expect(() => new LRScheduler({} as never, constant(1))).toThrow(
      'LRScheduler: optimizer must have a paramGroups array',
    );
    expect(() => new LRScheduler({ paramGroups: [{ lr: 0 }] }, 0.1 as never)).toThrow(
      'LRScheduler: schedule must be a function',
    );
    const optimizer = { paramGroups: [{ lr: 0 }] };
    const scheduler = new LRScheduler(optimizer, (step) => (step < 2 ? 0.1 : NaN));
    scheduler.step();
    expect(() => scheduler.step()).toThrow(
      'LRScheduler: the schedule of group 0 returned NaN at step 2',
    );
    expect(scheduler.stepCount).toBe(1);
    expect(optimizer.paramGroups[0].lr).toBe(0.1);
  });
});
