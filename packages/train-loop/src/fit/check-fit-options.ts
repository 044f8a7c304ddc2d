import type { FitOptions } from './fit-options';

/**
 * Refuses `fit` options that cannot train: a missing model, optimizer, loss or train source, no
 * length (`epochs` or `steps`), counts that are not integers, a non-positive clipping norm, a
 * scheduler that is neither a function nor an object with `step()`.
 *
 * @example
 * ```ts
 * checkFitOptions({ model, optimizer, loss, train }); // TypeError: fit: pass epochs or steps …
 * ```
 */
export function checkFitOptions(o: FitOptions): void {
  if (o === null || typeof o !== 'object') throw new TypeError('fit: expected an options object');
  if (typeof o.model?.forward !== 'function')
    throw new TypeError('fit: options.model must be a Module');
  if (typeof o.optimizer?.step !== 'function') {
    throw new TypeError('fit: options.optimizer must be an optimizer (with step and zeroGrad)');
  }
  if (typeof o.loss !== 'function') {
    throw new TypeError('fit: options.loss must be a loss function (output, target) => Tensor');
  }
  if (o.train === null || typeof o.train !== 'object') {
    throw new TypeError('fit: options.train must be a DataLoader or an iterable of batches');
  }
  if (o.epochs === undefined && o.steps === undefined) {
    throw new TypeError('fit: pass epochs or steps (or both) to say how long to train');
  }
  for (const key of ['epochs', 'steps', 'logEvery'] as const) {
    const v = o[key];
    if (v !== undefined && (!Number.isSafeInteger(v) || v < (key === 'logEvery' ? 1 : 0))) {
      throw new RangeError(
        `fit: ${key} must be a ${key === 'logEvery' ? 'positive' : 'non-negative'} integer, got ${v}`,
      );
    }
  }
  const e = o.evalEvery;
  if (e !== undefined && e !== 'epoch' && (!Number.isSafeInteger(e) || e < 1)) {
    throw new RangeError(`fit: evalEvery must be a positive integer or 'epoch', got ${String(e)}`);
  }
  if (o.clipGradNorm !== undefined && !(o.clipGradNorm > 0)) {
    throw new RangeError(`fit: clipGradNorm must be a positive number, got ${o.clipGradNorm}`);
  }
  const s = o.scheduler;
  if (s !== undefined && typeof s !== 'function' && typeof s?.step !== 'function') {
    throw new TypeError('fit: scheduler must be a function (step) => lr or an object with step()');
  }
}
