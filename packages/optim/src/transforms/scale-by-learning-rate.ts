import { checkCount, expectRecord } from '../check-param-record';
import { mapParams } from '../map-params';
import type { GradientTransform, Schedule } from '../types';

/** The step count and the learning rate that the last update used (easy to find, unlike optax). */
export interface ScaleByLearningRateState {
  /** The number of updates made. */
  count: number;
  /** The learning rate of the last update (the schedule's value at step 0 before any). */
  lr: number;
}

/**
 * Multiplies updates by `-lr` (a descent step). `lr` is a number or a schedule of the step count.
 *
 * @example
 * ```ts
 * scaleByLearningRate(warmupCosine({ peak: 3e-4, warmupSteps: 50, totalSteps: 500 }));
 * ```
 */
export function scaleByLearningRate(
  lr: number | Schedule,
): GradientTransform<ScaleByLearningRateState, 'scaleByLearningRate'> {
  const at = typeof lr === 'number' ? () => lr : lr;
  return {
    name: 'scaleByLearningRate',
    init: () => ({ count: 0, lr: at(0) }),
    update(grads, state) {
      const rate = at(state.count);
      return {
        updates: mapParams(grads, (g) => g.mul(-rate)),
        state: { count: state.count + 1, lr: rate },
      };
    },
    checkState(state, _params, path) {
      const record = expectRecord(state, path, ['count', 'lr']);
      checkCount(record.count, `${path}.count`);
      if (typeof record.lr !== 'number')
        throw new Error(`${path}.lr should be a number, got ${typeof record.lr}`);
    },
  };
}
