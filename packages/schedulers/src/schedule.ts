/**
 * A learning rate (or any other hyperparameter) as a pure function of the step, where `step`
 * is the number of optimizer updates already applied: `schedule(0)` is the lr of the first
 * update. Schedules hold no state, so they compose as plain functions and any optimizer that
 * accepts `(step: number) => number` takes one without importing this package.
 *
 * @example
 * ```ts
 * const schedule: Schedule = (step) => 0.1 * 0.5 ** Math.floor(step / 100);
 * schedule(250); // 0.025
 * ```
 */
export type Schedule = (step: number) => number;
