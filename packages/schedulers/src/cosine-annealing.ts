import { checkOption } from './check-option';
import { checkOptionKeys } from './check-option-keys';
import { correctlyRoundedCos } from './correctly-rounded-cos';
import type { Schedule } from './schedule';

/** Options of {@link cosineAnnealing}; PyTorch's `T_max` and `eta_min` in camelCase. */
export interface CosineAnnealingOptions {
  /** The lr at step 0 (PyTorch takes it from the optimizer's `initial_lr`). */
  baseLr: number;
  /** Steps from `baseLr` down to `etaMin`; the cosine then rises back, with period `2 * tMax`. */
  tMax: number;
  /** The lowest lr, reached at `tMax`, `3 * tMax`, … Default 0. */
  etaMin?: number;
}

// Values are kept every this many steps, so a step far from the last one asked for costs at
// most this many updates instead of a replay from step 0.
const CHECKPOINT_EVERY = 1024;

/**
 * PyTorch 1.13's `CosineAnnealingLR`, with the values `scheduler.step()` gives on every step:
 * from `baseLr` at step 0 down to `etaMin` at `tMax` and, unlike `cosineDecay`, back up
 * to `baseLr` at `2 * tMax` and so on (period `2 * tMax`). PyTorch computes each lr from the
 * previous one (`(1 + cos(π t / T)) / (1 + cos(π (t - 1) / T)) * (lr - etaMin) + etaMin`, and
 * its special step after each minimum); this does the same operations in the same order with
 * correctly rounded cosines, so its values equal PyTorch's bit for bit wherever glibc's cosine
 * is correctly rounded too, and stay within about an ulp of them elsewhere. It follows its own
 * previous values, not the optimizer's lr, so the function stays pure; steps are integers.
 *
 * @example
 * ```ts
 * const lr = cosineAnnealing({ baseLr: 0.1, tMax: 50 });
 * lr(0); // 0.1
 * lr(25); // ≈ 0.05
 * lr(50); // ≈ 0 (the minimum)
 * lr(100); // ≈ 0.1 (PyTorch's cosine rises again after tMax)
 * new LRScheduler(opt, lr); // same lrs as CosineAnnealingLR(opt, T_max=50)
 * ```
 */
export function cosineAnnealing(options: CosineAnnealingOptions): Schedule {
  const op = 'cosineAnnealing';
  checkOptionKeys(op, options, ['baseLr', 'tMax', 'etaMin']);
  const baseLr = checkOption(op, 'baseLr', options.baseLr, 'nonNegative');
  const tMax = checkOption(op, 'tMax', options.tMax, 'positiveInteger');
  const etaMin = checkOption(op, 'etaMin', options.etaMin ?? 0, 'nonNegative');
  // The step after each minimum, where PyTorch's ratio would divide by 1 + cos(π) = 0.
  const bump = ((baseLr - etaMin) * (1 - correctlyRoundedCos(Math.PI / tMax))) / 2;
  const angle = (t: number) => (Math.PI * t) / tMax;

  const checkpoints = [baseLr]; // lr at steps 0, CHECKPOINT_EVERY, 2 * CHECKPOINT_EVERY, …
  let cursorStep = 0;
  let cursorLr = baseLr;
  return (step) => {
    checkOption(op, 'step', step, 'nonNegativeInteger');
    const k = Math.min(Math.floor(step / CHECKPOINT_EVERY), checkpoints.length - 1);
    let t = k * CHECKPOINT_EVERY;
    let lr = checkpoints[k];
    if (cursorStep <= step && cursorStep > t) {
      t = cursorStep;
      lr = cursorLr;
    }
    let cosPrevious = correctlyRoundedCos(angle(t));
    while (t < step) {
      t += 1;
      const cos = correctlyRoundedCos(angle(t));
      // Python's % is never negative; t - 1 - tMax >= 0 wherever the remainder can be 0.
      if (t - 1 - tMax >= 0 && (t - 1 - tMax) % (2 * tMax) === 0) lr = lr + bump;
      else lr = ((1 + cos) / (1 + cosPrevious)) * (lr - etaMin) + etaMin;
      cosPrevious = cos;
      // 1 + cos(π (t - 1) / tMax) can round to 0 only for a tMax beyond ~3e8.
      if (!Number.isFinite(lr))
        throw new RangeError(`${op}: the recursion gives ${lr} at step ${t} (tMax ${tMax})`);
      if (t === checkpoints.length * CHECKPOINT_EVERY) checkpoints.push(lr);
    }
    cursorStep = step;
    cursorLr = lr;
    return lr;
  };
}
