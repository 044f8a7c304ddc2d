import { isGradEnabled } from '@torchlet/autograd';
import {
  formatShape,
  ownsStorage,
  sameShape,
  type AdamStepOptions,
  type Tensor,
} from '@torchlet/tensor';

/**
 * One Adam/AdamW update of `param` and its moments, in place: torch.optim's single-tensor step
 * (`expAvg` and `expAvgSq` are updated, then `param`). One call of the backend's fused
 * `adamStep` kernel when it has one (its buffers land through `Storage.replaceBuffer`, which
 * bumps each version); else the same float operations as tensor ops. `param`, `expAvg` and
 * `expAvgSq` must own their storages (no views). Not recorded by autograd: call it inside
 * `noGrad`, as `Adam` and `AdamW` do.
 *
 * @example
 * ```ts
 * const m = zerosLike(w), v = zerosLike(w);
 * noGrad(() => adamStep_(w, w.grad!, m, v, { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01, decoupled: true, step: 1 }));
 * ```
 */
export function adamStep_(
  param: Tensor,
  grad: Tensor,
  expAvg: Tensor,
  expAvgSq: Tensor,
  options: AdamStepOptions,
): void {
  // Checked before any write, so a refused call leaves the moments as they were. (Plain calls,
  // not a loop over [name, tensor] pairs: this runs for every parameter at every step.)
  checkMatches('grad', grad, param);
  checkMatches('expAvg', expAvg, param);
  checkMatches('expAvgSq', expAvgSq, param);
  if (isGradEnabled() && param.requiresGrad && param.isLeaf) {
    throw new Error(
      'adamStep_: a leaf tensor that requires grad is being used in an in-place operation; ' +
        'do the update inside noGrad(() => …)',
    );
  }
  if (!Number.isInteger(options.step) || options.step < 1) {
    throw new RangeError(`adamStep_: step must be a positive integer, got ${options.step}`);
  }
  checkOwnsStorage('param', param);
  checkOwnsStorage('expAvg', expAvg);
  checkOwnsStorage('expAvgSq', expAvgSq);
  const kernel = param.backend.fused?.adamStep;
  if (kernel !== undefined) {
    const g = grad.detach();
    const dense = g.isContiguous() ? g : g.contiguous(); // kernel inputs are contiguous views
    const r = kernel(param, dense, expAvg, expAvgSq, options, param.dtype);
    // A kernel that wrote into the given buffers returns them: replaceBuffer then only bumps.
    param.storage.replaceBuffer(r.param);
    expAvg.storage.replaceBuffer(r.expAvg);
    expAvgSq.storage.replaceBuffer(r.expAvgSq);
    return;
  }
  // The kernel's float operations in torch.optim's order, as tensor ops.
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
  expAvg.copy_(m);
  expAvgSq.copy_(v);
  param.copy_(next);
}

function checkMatches(name: string, t: Tensor, param: Tensor): void {
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

function checkOwnsStorage(name: string, t: Tensor): void {
  if (!ownsStorage(t)) {
    throw new Error(
      `adamStep_: in-place writes need a tensor that owns its whole storage contiguously; ` +
        `${name} is a view of shape ${formatShape(t.shape)}; call .clone() (a copy) first`,
    );
  }
}
