import type { Callback } from './callback';
import { createMonitor } from './create-monitor';

/**
 * Options of {@link earlyStopping}.
 *
 * @example
 * ```ts
 * earlyStopping({ monitor: 'accuracy', patience: 5 } satisfies EarlyStoppingOptions);
 * ```
 */
export interface EarlyStoppingOptions {
  /** Eval metric to watch (default `'loss'`, the validation loss). */
  monitor?: string;
  /** Evaluations without improvement before stopping (default 3). */
  patience?: number;
  /** `'min'` or `'max'`; default `'max'` for accuracy, `'min'` otherwise. */
  mode?: 'min' | 'max';
  /** Smallest change that counts as an improvement (default 0). */
  minDelta?: number;
}

/**
 * Stops `fit` when a validation metric has not improved for `patience` evaluations in a row,
 * like Keras' and Lightning's `EarlyStopping`. The reason lands in `history.stopReason`.
 *
 * @example
 * ```ts
 * await fit({ ..., val, evalEvery: 50, callbacks: [earlyStopping({ monitor: 'loss', patience: 5, minDelta: 1e-3 })] });
 * ```
 */
export function earlyStopping(options: EarlyStoppingOptions = {}): Callback {
  const { monitor: name = 'loss', patience = 3, mode, minDelta = 0 } = options;
  if (!Number.isInteger(patience) || patience < 1) {
    throw new RangeError(`earlyStopping: patience must be a positive integer, got ${patience}`);
  }
  const monitor = createMonitor('earlyStopping', name, mode, minDelta);
  let waited = 0;
  return {
    onFitStart() {
      monitor.reset();
      waited = 0;
    },
    onEvalEnd(ctx, row) {
      if (monitor.improved(row)) {
        waited = 0;
        return;
      }
      waited++;
      if (waited >= patience) {
        ctx.stop(
          `early stopping: val ${name} did not improve for ${patience} evaluation` +
            `${patience === 1 ? '' : 's'} (best ${monitor.best?.toFixed(4)} at step ${monitor.bestStep})`,
        );
      }
    },
  };
}
