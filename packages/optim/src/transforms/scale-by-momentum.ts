import type { Tensor } from '@torchlet/tensor';
import { checkOptions } from '../check-options';
import { checkParamRecord, expectRecord } from '../check-param-record';
import type { GradientTransform, Params } from '../types';

/** Options of {@link scaleByMomentum}. */
export interface ScaleByMomentumOptions {
  /** The momentum factor. */
  momentum: number;
  /** The gradient enters the buffer scaled by `1 - dampening`. Default 0. */
  dampening?: number;
  /** Nesterov momentum: the update is `g + momentum * buf`. Default false. */
  nesterov?: boolean;
}

/** The momentum buffers, created on a parameter's first update as PyTorch does. */
export interface ScaleByMomentumState {
  /** Each parameter's momentum buffer, by name (absent before its first update). */
  buffers: Params;
}

/**
 * SGD momentum as PyTorch computes it: `buf = momentum * buf + (1 - dampening) * g` (the first
 * buffer is the gradient itself), then `buf`, or `g + momentum * buf` with Nesterov.
 *
 * @example
 * ```ts
 * const sgd = chain(scaleByMomentum({ momentum: 0.9 }), scaleByLearningRate(0.1));
 * ```
 */
export function scaleByMomentum(
  options: ScaleByMomentumOptions,
): GradientTransform<ScaleByMomentumState, 'scaleByMomentum'> {
  checkOptions('scaleByMomentum', options, ['momentum', 'dampening', 'nesterov']);
  const { momentum, dampening = 0, nesterov = false } = options;
  return {
    name: 'scaleByMomentum',
    init: () => ({ buffers: {} }),
    update(grads, state) {
      if (momentum === 0) return { updates: grads, state };
      const buffers: Record<string, Tensor> = { ...state.buffers };
      const updates: Record<string, Tensor> = {};
      for (const name of Object.keys(grads)) {
        const g = grads[name];
        const previous = state.buffers[name];
        const buf =
          previous === undefined ? g.clone() : previous.mul(momentum).add(g.mul(1 - dampening));
        buffers[name] = buf;
        updates[name] = nesterov ? g.add(buf.mul(momentum)) : buf;
      }
      return { updates, state: { buffers } };
    },
    checkState(state, params, path) {
      const record = expectRecord(state, path, ['buffers']);
      // Buffers are made on a parameter's first update, so some may be missing.
      checkParamRecord(record.buffers, params, `${path}.buffers`, {
        kind: 'tensor',
        complete: false,
      });
    },
  };
}
