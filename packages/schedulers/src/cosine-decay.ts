import { checkOption } from './check-option';
import { checkOptionKeys } from './check-option-keys';
import { correctlyRoundedCos } from './correctly-rounded-cos';
import type { Schedule } from './schedule';

/** Options of {@link cosineDecay}. */
export interface CosineDecayOptions {
  /** Value at step 0. */
  peak: number;
  /** Steps over which the value decays; it is held at `alpha * peak` afterwards. */
  decaySteps: number;
  /** Final value as a fraction of `peak`, in [0, 1]. Default 0. */
  alpha?: number;
}

/**
 * Half a cosine from `peak` down to `alpha * peak` over `decaySteps`, then flat (optax
 * `cosine_decay_schedule`): `peak * ((1 - alpha) * 0.5 * (1 + cos(π · min(step, decaySteps) /
 * decaySteps)) + alpha)`.
 *
 * @example
 * ```ts
 * const lr = cosineDecay({ peak: 0.1, decaySteps: 100, alpha: 0.01 });
 * lr(0); // 0.1
 * lr(50); // ≈ 0.0505
 * lr(200); // 0.001
 * ```
 */
export function cosineDecay(options: CosineDecayOptions): Schedule {
  const op = 'cosineDecay';
  checkOptionKeys(op, options, ['peak', 'decaySteps', 'alpha']);
  const peak = checkOption(op, 'peak', options.peak, 'nonNegative');
  const decaySteps = checkOption(op, 'decaySteps', options.decaySteps, 'positiveInteger');
  const alpha = checkOption(op, 'alpha', options.alpha ?? 0, 'unitInterval');
  return (step) => {
    checkOption(op, 'step', step, 'nonNegative');
    const count = Math.min(step, decaySteps);
    const cosine = 0.5 * (1 + correctlyRoundedCos((Math.PI * count) / decaySteps));
    return peak * ((1 - alpha) * cosine + alpha);
  };
}
