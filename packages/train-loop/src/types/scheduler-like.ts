/**
 * A learning-rate scheduler object such as `LRScheduler` of `@torchlet/schedulers`: `fit` calls
 * `step()` after every optimizer step, as PyTorch code calls `scheduler.step()`, and saves its
 * state in checkpoints when it has `stateDict`/`loadStateDict`.
 *
 * @example
 * ```ts
 * const scheduler: SchedulerLike = new LRScheduler(opt, warmupCosine({ peak: 3e-4, warmupSteps: 50, totalSteps: 500 }));
 * ```
 */
export interface SchedulerLike {
  /** Advances the schedule by one optimizer step and sets the new learning rates. */
  step(): void;
  /** The learning rate of each param group after the last `step()`. */
  getLastLr?(): number[];
  /** The scheduler's state, saved in checkpoints. */
  stateDict?(): unknown;
  /** Restores a state that `stateDict()` returned. */
  loadStateDict?(state: unknown): void;
}
