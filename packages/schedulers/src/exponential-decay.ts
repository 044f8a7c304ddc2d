import { checkOption } from './check-option';
import { checkOptionKeys } from './check-option-keys';
import { correctlyRoundedPower } from './correctly-rounded-power';
import type { Schedule } from './schedule';

/** Options of {@link exponentialDecay}. */
export interface ExponentialDecayOptions {
  /** Value at step 0. */
  initial: number;
  /** Factor applied every `transitionSteps` steps (below 1 decays, above 1 grows). */
  rate: number;
  /** Steps over which the value is multiplied by `rate` once. */
  transitionSteps: number;
  /** Multiply in whole steps of `transitionSteps` instead of continuously. Default false. */
  staircase?: boolean;
}

/**
 * `initial * rate ** (step / transitionSteps)`, with the exponent floored when `staircase`
 * (optax `exponential_decay`). With `transitionSteps: 1` it is PyTorch's `ExponentialLR` in
 * closed form (`initial * gamma ** step`).
 *
 * @example
 * ```ts
 * const lr = exponentialDecay({ initial: 0.1, rate: 0.5, transitionSteps: 100 });
 * lr(100); // 0.05
 * lr(150); // ≈ 0.0354
 * const stairs = exponentialDecay({ initial: 0.1, rate: 0.5, transitionSteps: 100, staircase: true });
 * stairs(150); // 0.05
 * ```
 */
export function exponentialDecay(options: ExponentialDecayOptions): Schedule {
  const op = 'exponentialDecay';
  checkOptionKeys(op, options, ['initial', 'rate', 'transitionSteps', 'staircase']);
  const initial = checkOption(op, 'initial', options.initial, 'nonNegative');
  const rate = checkOption(op, 'rate', options.rate, 'positive');
  const transitionSteps = checkOption(
    op,
    'transitionSteps',
    options.transitionSteps,
    'positiveInteger',
  );
  const staircase = options.staircase ?? false;
  if (typeof staircase !== 'boolean')
    throw new TypeError(`${op}: staircase must be a boolean, got ${String(staircase)}`);
  return (step) => {
    checkOption(op, 'step', step, 'nonNegative');
    const exponent = staircase ? Math.floor(step / transitionSteps) : step / transitionSteps;
    // Integer exponents take the exact path, so ExponentialLR's closed form matches Python's.
    return (
      initial *
      (Number.isInteger(exponent) ? correctlyRoundedPower(rate, exponent) : rate ** exponent)
    );
  };
}
