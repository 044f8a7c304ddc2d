import { checkOption } from './check-option';
import { checkOptionKeys } from './check-option-keys';
import type { Schedule } from './schedule';

/** Options of {@link linear}. */
export interface LinearScheduleOptions {
  /** Value at step 0. */
  from: number;
  /** Value at step `steps` and after. */
  to: number;
  /** Number of steps the transition takes. */
  steps: number;
}

/**
 * Goes linearly from `from` to `to` over `steps` steps, then holds `to` (optax
 * `linear_schedule`, with its arithmetic: `(from - to) * (1 - step / steps) + to`).
 *
 * @example
 * ```ts
 * const lr = linear({ from: 1e-3, to: 1e-5, steps: 1000 });
 * lr(500); // ≈ 5.05e-4
 * lr(5000); // 1e-5
 * ```
 */
export function linear(options: LinearScheduleOptions): Schedule {
  const op = 'linear';
  checkOptionKeys(op, options, ['from', 'to', 'steps']);
  const from = checkOption(op, 'from', options.from, 'nonNegative');
  const to = checkOption(op, 'to', options.to, 'nonNegative');
  const steps = checkOption(op, 'steps', options.steps, 'positiveInteger');
  return (step) => {
    checkOption(op, 'step', step, 'nonNegative');
    const fraction = 1 - Math.min(step, steps) / steps;
    return (from - to) * fraction + to;
  };
}
