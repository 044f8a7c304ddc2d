import { checkOption } from './check-option';
import { checkOptionKeys } from './check-option-keys';
import { correctlyRoundedPower } from './correctly-rounded-power';
import type { Schedule } from './schedule';

/** Options of {@link stepDecay}. */
export interface StepDecayOptions {
  /** Value for the first `stepSize` steps. */
  initial: number;
  /** Steps between two multiplications by `gamma`. */
  stepSize: number;
  /** Factor applied every `stepSize` steps. */
  gamma: number;
}

/**
 * PyTorch's `StepLR` in closed form: `initial * gamma ** floor(step / stepSize)`, with the
 * power correctly rounded as Python's is, so values equal PyTorch's `_get_closed_form_lr`.
 * PyTorch's scheduler itself multiplies the previous lr by `gamma` at each boundary, so after
 * a few boundaries its values can differ from the closed form in the last bit.
 *
 * @example
 * ```ts
 * const lr = stepDecay({ initial: 0.1, stepSize: 30, gamma: 0.1 });
 * lr(29); // 0.1
 * lr(30); // ≈ 0.01
 * lr(65); // ≈ 0.001
 * ```
 */
export function stepDecay(options: StepDecayOptions): Schedule {
  const op = 'stepDecay';
  checkOptionKeys(op, options, ['initial', 'stepSize', 'gamma']);
  const initial = checkOption(op, 'initial', options.initial, 'nonNegative');
  const stepSize = checkOption(op, 'stepSize', options.stepSize, 'positiveInteger');
  const gamma = checkOption(op, 'gamma', options.gamma, 'nonNegative');
  return (step) => {
    checkOption(op, 'step', step, 'nonNegative');
    return initial * correctlyRoundedPower(gamma, Math.floor(step / stepSize));
  };
}
