import { checkOption } from './check-option';
import { correctlyRoundedCos } from './correctly-rounded-cos';
import type { Schedule } from './schedule';

/** Options of {@link oneCycle}. */
export interface OneCycleOptions {
  /** Peak learning rate, reached at step `pctStart * totalSteps - 1`. */
  maxLr: number;
  /** Length of the cycle; the lr reaches its minimum at step `totalSteps - 1` and stays there. */
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
 * cycling is left to the optimizer. Where PyTorch raises past the end, this holds the final lr.
 *
 * @example
 * ```ts
 * const lr = oneCycle({ maxLr: 0.1, totalSteps: 1000 });
 * lr(0); // ≈ 0.004
 * lr(299); // 0.1
 * lr(999); // 4e-7
 * ```
 */
export function oneCycle(options: OneCycleOptions): Schedule {
  const op = 'oneCycle';
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
    const s = Math.min(step, lastStep);
    if (s <= peakStep) {
      // peakStep is 0 when pctStart * totalSteps === 1: PyTorch divides by zero there.
      return peakStep === 0 ? maxLr : anneal(initialLr, maxLr, s / peakStep);
    }
    return anneal(maxLr, minLr, (s - peakStep) / (lastStep - peakStep));
  };
}

function annealCos(start: number, end: number, pct: number): number {
  return end + ((start - end) / 2) * (correctlyRoundedCos(Math.PI * pct) + 1);
}

function annealLinear(start: number, end: number, pct: number): number {
  return (end - start) * pct + start;
}
