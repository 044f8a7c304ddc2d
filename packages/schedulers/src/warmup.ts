import { checkOption } from './check-option';
import { checkOptionKeys } from './check-option-keys';
import type { Schedule } from './schedule';

/** Options of {@link warmup}. */
export interface WarmupOptions {
  /** Value reached at `warmupSteps` and held afterwards. */
  peak: number;
  /** Steps of linear warmup from 0; with 0 the schedule is constant at `peak`. */
  warmupSteps: number;
}

/**
 * Rises linearly from 0 at step 0 to `peak` at `warmupSteps`, then stays at `peak`
 * (`peak * step / warmupSteps`, the same arithmetic as {@link warmupCosine}'s warmup).
 *
 * @example
 * ```ts
 * const lr = warmup({ peak: 3e-4, warmupSteps: 100 });
 * lr(0); // 0
 * lr(50); // 1.5e-4
 * lr(1000); // 3e-4
 * ```
 */
export function warmup(options: WarmupOptions): Schedule {
  const op = 'warmup';
  checkOptionKeys(op, options, ['peak', 'warmupSteps']);
  const peak = checkOption(op, 'peak', options.peak, 'nonNegative');
  const warmupSteps = checkOption(op, 'warmupSteps', options.warmupSteps, 'nonNegativeInteger');
  return (step) => {
    checkOption(op, 'step', step, 'nonNegative');
    return step < warmupSteps ? (peak * step) / warmupSteps : peak;
  };
}
