import { checkOption } from './check-option';
import type { Schedule } from './schedule';

/**
 * The values of `schedule` at steps `0 … steps - 1`, checked to be finite numbers, so a
 * broken schedule is reported with the step where it broke.
 *
 * @example
 * ```ts
 * sampleSchedule(warmup({ peak: 1, warmupSteps: 4 }), 6); // [0, 0.25, 0.5, 0.75, 1, 1]
 * ```
 */
export function sampleSchedule(schedule: Schedule, steps: number): number[] {
  const op = 'sampleSchedule';
  if (typeof schedule !== 'function')
    throw new TypeError(`${op}: schedule must be a function (step) => number`);
  checkOption(op, 'steps', steps, 'positiveInteger');
  const values = new Array<number>(steps);
  for (let step = 0; step < steps; step++) {
    const value = schedule(step);
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new RangeError(`${op}: schedule returned ${String(value)} at step ${step}`);
    values[step] = value;
  }
  return values;
}
