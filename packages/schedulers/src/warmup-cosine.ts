import { checkOption } from './check-option';
import { checkOptionKeys } from './check-option-keys';
import { correctlyRoundedCos } from './correctly-rounded-cos';
import type { Schedule } from './schedule';

/** Options of {@link warmupCosine}. */
export interface WarmupCosineOptions {
  /** Learning rate at the end of warmup. */
  peak: number;
  /** Steps of linear warmup from 0 to `peak`. */
  warmupSteps: number;
  /** Step at which the cosine reaches `minLr`; the lr stays at `minLr` afterwards. */
  totalSteps: number;
  /** Floor of the cosine decay. Default 0. */
  minLr?: number;
}

/**
 * Linear warmup from 0 to `peak` over `warmupSteps`, then half a cosine down to `minLr` at
 * `totalSteps` — the usual transformer schedule. With `minLr = 0` it evaluates exactly the
 * Python function `base * s / warm` / `base * 0.5 * (1 + math.cos(math.pi * pr))`, so its values
 * equal those of a PyTorch training script bit for bit.
 *
 * @example
 * ```ts
 * const lr = warmupCosine({ peak: 3e-4, warmupSteps: 50, totalSteps: 500 });
 * lr(0); // 0
 * lr(50); // 3e-4
 * lr(275); // 1.5e-4
 * opt.paramGroups[0].lr = lr(step);
 * ```
 */
export function warmupCosine(options: WarmupCosineOptions): Schedule {
  const op = 'warmupCosine';
  checkOptionKeys(op, options, ['peak', 'warmupSteps', 'totalSteps', 'minLr']);
  const peak = checkOption(op, 'peak', options.peak, 'nonNegative');
  const warmupSteps = checkOption(op, 'warmupSteps', options.warmupSteps, 'nonNegativeInteger');
  const totalSteps = checkOption(op, 'totalSteps', options.totalSteps, 'positiveInteger');
  const minLr = checkOption(op, 'minLr', options.minLr ?? 0, 'nonNegative');
  if (warmupSteps > totalSteps)
    throw new RangeError(
      `${op}: warmupSteps (${warmupSteps}) must not exceed totalSteps (${totalSteps})`,
    );
  if (minLr > peak) throw new RangeError(`${op}: minLr (${minLr}) must not exceed peak (${peak})`);
  return (step) => {
    checkOption(op, 'step', step, 'nonNegative');
    if (step < warmupSteps) return (peak * step) / warmupSteps;
    // The cosine would climb again past totalSteps; hold its end value (exactly minLr) instead.
    if (step >= totalSteps) return minLr;
    const progress = (step - warmupSteps) / (totalSteps - warmupSteps);
    // Kept apart so the minLr = 0 path performs exactly the reference's operations.
    if (minLr === 0) return peak * 0.5 * (1 + correctlyRoundedCos(Math.PI * progress));
    return minLr + (peak - minLr) * 0.5 * (1 + correctlyRoundedCos(Math.PI * progress));
  };
}
