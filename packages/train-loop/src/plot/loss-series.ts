import type { History } from '../fit/history';

/** A loss curve as `[step, loss]` points, non-finite values left out. */
export interface LossSeries {
  train: [number, number][];
  val: [number, number][];
}

/**
 * Extracts the train and validation loss curves from a history.
 *
 * @example
 * ```ts
 * const { train, val } = lossSeries(history); // train[0] = [0, 1.48]
 * ```
 */
export function lossSeries(history: Pick<History, 'train' | 'eval'>): LossSeries {
  const train: [number, number][] = [];
  for (const row of history.train) {
    if (Number.isFinite(row.loss)) train.push([row.step, row.loss]);
  }
  const val: [number, number][] = [];
  for (const row of history.eval) {
    if (Number.isFinite(row.loss)) val.push([row.step, row.loss]);
  }
  return { train, val };
}
