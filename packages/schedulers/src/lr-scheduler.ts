import { checkOptionKeys } from './check-option-keys';
import type { SchedulableOptimizer } from './schedulable-optimizer';
import type { Schedule } from './schedule';

/** What {@link LRScheduler.stateDict} saves: the number of `step()` calls. */
export interface LRSchedulerStateDict {
  /** The number of `step()` calls so far. */
  stepCount: number;
}

/**
 * Drives an optimizer's learning rates from pure schedules, the way PyTorch's lr schedulers
 * do: construction sets every group's `lr` to `schedule(0)`, and each `step()` (called after
 * `optimizer.step()`) advances the count and sets `lr = schedule(count)`. Pass one schedule
 * for all groups or one per group.
 *
 * @example
 * ```ts
 * const scheduler = new LRScheduler(opt, warmupCosine({ peak: 3e-4, warmupSteps: 50, totalSteps: 500 }));
 * for (let step = 0; step < 500; step++) {
 *   loss = model.forward(x); opt.zeroGrad(); loss.backward(); opt.step();
 *   scheduler.step();
 * }
 * ```
 */
export class LRScheduler {
  /** The optimizer whose groups' `lr` this scheduler sets. */
  readonly optimizer: SchedulableOptimizer;
  private readonly schedules: Schedule | readonly Schedule[];
  private count = 0;
  private lastLr: number[] = [];

  constructor(optimizer: SchedulableOptimizer, schedule: Schedule | readonly Schedule[]) {
    const op = 'LRScheduler';
    if (!optimizer || !Array.isArray(optimizer.paramGroups))
      throw new TypeError(`${op}: optimizer must have a paramGroups array`);
    if (typeof schedule === 'function') {
      this.schedules = schedule;
    } else if (Array.isArray(schedule)) {
      const list: readonly unknown[] = schedule;
      list.forEach((s, i) => {
        if (typeof s !== 'function')
          throw new TypeError(`${op}: schedules[${i}] must be a function (step) => number`);
      });
      this.schedules = [...schedule];
    } else {
      throw new TypeError(
        `${op}: schedule must be a function (step) => number or an array of them`,
      );
    }
    this.optimizer = optimizer;
    this.apply(0);
  }

  /** Number of `step()` calls so far, which is also the step the current lr belongs to. */
  get stepCount(): number {
    return this.count;
  }

  /** PyTorch's name for {@link LRScheduler.stepCount}. */
  get lastEpoch(): number {
    return this.count;
  }

  /** Advances to the next step and sets every group's lr from its schedule. */
  step(): void {
    this.apply(this.count + 1);
  }

  /** The lr of each group as last set by this scheduler. */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  /** The count, to save with a checkpoint. */
  stateDict(): LRSchedulerStateDict {
    return { stepCount: this.count };
  }

  /**
   * Restores the count and sets the groups' lr for it at once (schedules are pure, so nothing
   * else needs saving).
   */
  loadStateDict(state: LRSchedulerStateDict): void {
    checkOptionKeys('LRScheduler.loadStateDict', state, ['stepCount'], 'state key');
    const count: unknown = state.stepCount;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0)
      throw new RangeError(
        `LRScheduler.loadStateDict: stepCount must be an integer >= 0, got ${String(count)}`,
      );
    this.apply(count);
  }

  /** Sets every group's lr for `count`; the count moves only if every schedule succeeds. */
  private apply(count: number): void {
    const groups = this.optimizer.paramGroups;
    const schedules = this.schedules;
    if (typeof schedules !== 'function' && schedules.length !== groups.length)
      throw new RangeError(
        `LRScheduler: got ${schedules.length} schedules for ${groups.length} paramGroups; pass one per group or a single schedule`,
      );
    const lrs = groups.map((_, i) => {
      const schedule = typeof schedules === 'function' ? schedules : schedules[i];
      const lr: unknown = schedule(count);
      if (typeof lr !== 'number' || !Number.isFinite(lr))
        throw new RangeError(
          `LRScheduler: the schedule of group ${i} returned ${String(lr)} at step ${count}`,
        );
      return lr;
    });
    groups.forEach((group, i) => (group.lr = lrs[i]));
    this.lastLr = lrs;
    this.count = count;
  }
}
