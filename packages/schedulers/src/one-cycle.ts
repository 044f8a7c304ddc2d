import { checkOption } from './check-option';
import { checkOptionKeys } from './check-option-keys';
import { correctlyRoundedCos } from './correctly-rounded-cos';
import type { Schedule } from './schedule';

/** Options of {@link oneCycle}. */
export interface OneCycleOptions {
  /** Peak learning rate, reached at step `pctStart * totalSteps - 1`. */
  maxLr: number;
  /**
   * Length of the cycle: the lr reaches its minimum at step `totalSteps - 1`; the schedule is
   * defined up to step `totalSteps` (the lr set by the last of `totalSteps` `step()` calls).
   */
  totalSteps: number;
  /** Fraction of the cycle spent rising, in [0, 1]. Default 0.3. */
  pctStart?: number;
  /** The cycle starts at `maxLr / divFactor`. Default 25. */
  divFactor?: number;
  /** The cycle ends at `maxLr / divFactor / finalDivFactor`. Default 1e4. */
  finalDivFactor?: number;
  /** How each phase interpolates. Default `'cos'`. */
  annealStrategy?: 'cos' | 'linear';
}

/**
 * The 1cycle policy with the learning-rate values of PyTorch's `OneCycleLR` (two phases,
 * `three_phase=False`): from `maxLr / divFactor` up to `maxLr` over the first `pctStart` of the
 * cycle, then down to `maxLr / divFactor / finalDivFactor` at step `totalSteps - 1`. Momentum
 * cycling is left to the optimizer.
 *
 * Like PyTorch, step `totalSteps` (where `totalSteps` calls of `LRScheduler.step()` leave the
 * lr) continues the last phase one step past the minimum: a little above it with `'cos'`,
 * below it (negative when the minimum is within one step's decrease of 0) with `'linear'`. A
 * later step throws, where PyTorch raises `ValueError`; so does step `totalSteps` when
 * `pctStart` is 1, where PyTorch divides by zero. Join another schedule to go on after the
 * cycle.
 *
 * @example
 * ```ts
 * const lr = oneCycle({ maxLr: 0.1, totalSteps: 1000 });
 * lr(0); // ≈ 0.004
 * lr(299); // 0.1
 * lr(999); // 4e-7
 * lr(1001); // RangeError: oneCycle: step 1001 is past the end of the cycle (totalSteps 1000) …
 * ```
 */
export function oneCycle(options: OneCycleOptions): Schedule {
  const op = 'oneCycle';
  checkOptionKeys(op, options, [
    'maxLr',
    'totalSteps',
    'pctStart',
    'divFactor',
    'finalDivFactor',
    'annealStrategy',
  ]);
  const maxLr = checkOption(op, 'maxLr', options.maxLr, 'nonNegative');
  const totalSteps = checkOption(op, 'totalSteps', options.totalSteps, 'positiveInteger');
  const pctStart = checkOption(op, 'pctStart', options.pctStart ?? 0.3, 'unitInterval');
  const divFactor = checkOption(op, 'divFactor', options.divFactor ?? 25, 'positive');
  const finalDivFactor = checkOption(
    op,
    'finalDivFactor',
    options.finalDivFactor ?? 1e4,
    'positive',
  );
  const strategy = options.annealStrategy ?? 'cos';
  if (strategy !== 'cos' && strategy !== 'linear')
    throw new RangeError(
      `${op}: annealStrategy must be 'cos' or 'linear', got ${String(strategy)}`,
    );
  const anneal = strategy === 'cos' ? annealCos : annealLinear;

  // The same quantities, computed in the same order, as PyTorch, so the values agree bit for bit.
  const initialLr = maxLr / divFactor;
  const minLr = initialLr / finalDivFactor;
  const peakStep = pctStart * totalSteps - 1;
  const lastStep = totalSteps - 1;
  return (step) => {
    checkOption(op, 'step', step, 'nonNegative');
    if (step > totalSteps)
      throw new RangeError(
        `${op}: step ${step} is past the end of the cycle (totalSteps ${totalSteps}); PyTorch's OneCycleLR raises here too. Raise totalSteps to the number of step() calls, or join() another schedule after the cycle`,
      );
    if (step <= peakStep) {
      // peakStep is 0 when pctStart * totalSteps === 1: PyTorch divides by zero there.
      return peakStep === 0 ? maxLr : anneal(initialLr, maxLr, step / peakStep);
    }
    if (lastStep === peakStep)
      throw new RangeError(
        `${op}: with pctStart 1 the cycle has no annealing phase, so there is no lr for step ${step} (totalSteps ${totalSteps}); PyTorch's OneCycleLR divides by zero here. Call step() at most totalSteps - 1 times, or use pctStart < 1`,
      );
    return anneal(maxLr, minLr, (step - peakStep) / (lastStep - peakStep));
  };
}

function annealCos(start: number, end: number, pct: number): number {
  return end + ((start - end) / 2) * (correctlyRoundedCos(Math.PI * pct) + 1);
}

function annealLinear(start: number, end: number, pct: number): number {
  return (end - start) * pct + start;
}
