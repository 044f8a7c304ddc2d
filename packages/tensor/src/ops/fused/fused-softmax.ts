import { record } from '../../gradient-engine';
import { normalizeDim } from '../../shape';
import type { Tensor } from '../../tensor';
import { expectTensor, fromBuffer } from '../operand';
import { dense } from './dense';

/**
 * Softmax (or log-softmax when `log`) over `dim` as one op: the backend's fused row kernel when
 * it has one (another dim than the last is moved there and back, as views), else the
 * composition. Both subtract the row's max first. `@torchlet/activations` calls it.
 *
 * @example
 * ```ts
 * fusedSoftmax(tensor([[1, 2, 3]]), -1, false); // tensor([[0.0900, 0.2447, 0.6652]])
 * ```
 */
export function fusedSoftmax(x: Tensor, dim: number, log: boolean): Tensor {
  const op = log ? 'logSoftmax' : 'softmax';
  expectTensor(op, x, 'input', true);
  const d = normalizeDim(op, dim, x.ndim);
  const kernel = x.backend.fused?.softmax;
  if (kernel === undefined || x.numel() === 0) return composedSoftmax(x, d, log);
  const last = x.ndim - 1;
  if (x.ndim > 1 && d !== last)
    return fusedSoftmax(x.transpose(d, last), last, log).transpose(d, last);
  const out = fromBuffer(x, kernel(dense(x), log, x.dtype), x.shape, x.dtype);
  return record('softmax', [x], out, { log });
}

/** The composition, shifted by a detached max: softmax is shift invariant, so it is exact. */
function composedSoftmax(x: Tensor, d: number, log: boolean): Tensor {
  const shifted = x.numel() === 0 ? x : x.sub(x.detach().amax(d, true));
  if (log) return shifted.sub(shifted.exp().sum(d, true).log());
  const e = shifted.exp();
  return e.div(e.sum(d, true));
}
