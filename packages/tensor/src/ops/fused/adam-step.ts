import type { AdamStepOptions } from '../../backend';
import { wouldRecord } from '../../gradient-engine';
import { formatShape, sameShape } from '../../shape';
import type { Tensor } from '../../tensor';
import { copyInto } from '../in-place';
import { dense } from './dense';

function ownsStorage(t: Tensor): boolean {
  return t.isContiguous() && t.offset === 0 && t.storage.size === t.numel();
}

/**
 * One Adam/AdamW update of `param` and its moments, in place (PyTorch's single-tensor
 * `torch.optim` step): `expAvg` and `expAvgSq` are updated, then `param`. One fused kernel when
 * the backend has it, else the same float operations as tensor ops. Not recorded by autograd;
 * optimizers call it inside `noGrad`.
 *
 * @example
 * ```ts
 * const m = zerosLike(w), v = zerosLike(w);
 * adamStep_(w, w.grad!, m, v, { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01, decoupled: true, step: 1 });
 * ```
 */
export function adamStep_(
  param: Tensor,
  grad: Tensor,
  expAvg: Tensor,
  expAvgSq: Tensor,
  options: AdamStepOptions,
): void {
  for (const [name, t] of [
    ['grad', grad],
    ['expAvg', expAvg],
    ['expAvgSq', expAvgSq],
  ] as const) {
    if (!sameShape(t.shape, param.shape) || t.dtype !== param.dtype) {
      throw new RangeError(
        `adamStep_: ${name} is ${t.dtype} ${formatShape(t.shape)} but the parameter is ${param.dtype} ${formatShape(param.shape)}; they must match`,
      );
    }
    if (t.backend !== param.backend) {
      throw new TypeError(
        `adamStep_: ${name} is on ${t.device} but the parameter is on ${param.device}`,
      );
    }
  }
  if (wouldRecord(param) && param.isLeaf) {
    throw new Error(
      'adamStep_: a leaf tensor that requires grad is being used in an in-place operation; ' +
        'do the update inside noGrad(() => …)',
    );
  }
  if (!Number.isInteger(options.step) || options.step < 1) {
    throw new RangeError(`adamStep_: step must be a positive integer, got ${options.step}`);
  }
  const kernel = param.backend.fused?.adamStep;
  if (kernel !== undefined && ownsStorage(param) && ownsStorage(expAvg) && ownsStorage(expAvgSq)) {
    const r = kernel(param, dense(grad), expAvg, expAvgSq, options, param.dtype);
    replaceBuffer(param, r.param);
    replaceBuffer(expAvg, r.expAvg);
    replaceBuffer(expAvgSq, r.expAvgSq);
    return;
  }
  const { lr, beta1, beta2, eps, weightDecay, decoupled, step } = options;
  let p = param.detach();
  let g = grad.detach();
  if (decoupled) p = p.mul(1 - lr * weightDecay);
  else if (weightDecay !== 0) g = g.add(p.mul(weightDecay));
  const m = expAvg.mul(beta1).add(g.mul(1 - beta1));
  const v = expAvgSq.mul(beta2).add(g.mul(g).mul(1 - beta2));
  const denom = v
    .sqrt()
    .div(Math.sqrt(1 - beta2 ** step))
    .add(eps);
  const next = p.add(m.mul(-(lr / (1 - beta1 ** step))).div(denom));
  copyInto('adamStep_', expAvg, m);
  copyInto('adamStep_', expAvgSq, v);
  copyInto('adamStep_', param, next);
}

/** Points the tensor's storage at `buffer` (or keeps it, if updated in place) and bumps its version. */
function replaceBuffer(t: Tensor, buffer: unknown): void {
  t.storage.replaceBuffer(buffer);
}
