import type { EvalRow } from '../fit/history';

/** Tracks the best value of one eval metric, for early stopping and best-model checkpoints. */
export interface Monitor {
  readonly name: string;
  readonly mode: 'min' | 'max';
  best: number | undefined;
  bestStep: number | undefined;
  /** Reads the metric from a row and returns true (recording it) when it improved. */
  improved(row: EvalRow): boolean;
  reset(): void;
}

/**
 * A {@link Monitor} for `name` (an eval row key: `loss`, `accuracy`, a custom metric). `mode`
 * defaults to `'max'` for accuracy and `'min'` otherwise; a value must beat the best by more
 * than `minDelta` to count.
 *
 * @example
 * ```ts
 * const m = createMonitor('earlyStopping', 'loss');
 * m.improved({ step: 0, epoch: 0, loss: 1.2 }); // true
 * ```
 */
export function createMonitor(
  owner: string,
  name: string,
  mode?: 'min' | 'max',
  minDelta = 0,
): Monitor {
  const direction = mode ?? (name === 'accuracy' ? 'max' : 'min');
  if (direction !== 'min' && direction !== 'max') {
    throw new RangeError(`${owner}: mode must be 'min' or 'max', got ${String(mode)}`);
  }
  if (!(minDelta >= 0)) throw new RangeError(`${owner}: minDelta must be >= 0, got ${minDelta}`);
  const monitor: Monitor = {
    name,
    mode: direction,
    best: undefined,
    bestStep: undefined,
    improved(row) {
      const value = row[name];
      if (value === undefined) {
        const keys = Object.keys(row).filter((k) => k !== 'step' && k !== 'epoch');
        throw new Error(
          `${owner}: the eval rows have no "${name}" (they have ${keys.join(', ') || 'nothing'}); ` +
            "add it to fit's metrics or monitor one of those",
        );
      }
      if (!Number.isFinite(value)) return false;
      const better =
        monitor.best === undefined ||
        (direction === 'min' ? value < monitor.best - minDelta : value > monitor.best + minDelta);
      if (better) {
        monitor.best = value;
        monitor.bestStep = row.step;
      }
      return better;
    },
    reset() {
      monitor.best = undefined;
      monitor.bestStep = undefined;
    },
  };
  return monitor;
}
