import { checkOption } from './check-option';
import type { Schedule } from './schedule';

/**
 * A schedule that returns `value` at every step (optax `constant_schedule`).
 *
 * @example
 * ```ts
 * const lr = constant(1e-3);
 * lr(0); // 0.001
 * lr(10_000); // 0.001
 * ```
 */
export function constant(value: number): Schedule {
  checkOption('constant', 'value', value, 'nonNegative');
  return (step) => {
    checkOption('constant', 'step', step, 'nonNegative');
    return value;
  };
}
