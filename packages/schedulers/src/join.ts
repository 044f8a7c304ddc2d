import { checkOption } from './check-option';
import type { Schedule } from './schedule';

/**
 * Chains schedules in time (optax `join_schedules`, PyTorch `SequentialLR`): `schedules[0]`
 * runs until `boundaries[0]`; from boundary `b[i]` on, `schedules[i + 1]` runs and sees the
 * steps since that boundary, `step - b[i]`, so each piece starts from its own step 0.
 *
 * @example
 * ```ts
 * const lr = join(
 *   [warmup({ peak: 1e-3, warmupSteps: 100 }), cosineDecay({ peak: 1e-3, decaySteps: 900 })],
 *   [100],
 * );
 * lr(100); // 1e-3, cosineDecay at its step 0
 * ```
 */
export function join(schedules: readonly Schedule[], boundaries: readonly number[]): Schedule {
  const op = 'join';
  if (!Array.isArray(schedules) || schedules.length === 0)
    throw new TypeError(`${op}: expected a non-empty array of schedules`);
  schedules.forEach((s, i) => {
    if (typeof s !== 'function')
      throw new TypeError(`${op}: schedules[${i}] must be a function (step) => number`);
  });
  if (!Array.isArray(boundaries))
    throw new TypeError(`${op}: boundaries must be an array of steps`);
  const n = schedules.length;
  if (boundaries.length !== n - 1)
    throw new RangeError(
      `${op}: expected ${n - 1} boundaries for ${n} schedules, got ${boundaries.length}`,
    );
  boundaries.forEach((b, i) => checkOption(op, `boundaries[${i}]`, b, 'nonNegative'));
  for (let i = 1; i < boundaries.length; i++)
    if (!(boundaries[i] > boundaries[i - 1]))
      throw new RangeError(
        `${op}: boundaries must be strictly increasing, got [${boundaries.join(', ')}]`,
      );
  // Copies, so later edits of the caller's arrays cannot change the schedule.
  const parts = [...schedules];
  const starts = [...boundaries];
  return (step) => {
    checkOption(op, 'step', step, 'nonNegative');
    let i = starts.length - 1;
    while (i >= 0 && step < starts[i]) i--;
    return i < 0 ? parts[0](step) : parts[i + 1](step - starts[i]);
  };
}
