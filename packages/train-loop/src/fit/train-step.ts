import { clipGradNorm } from '@torchlet/optim';
import type { Tensor } from '@torchlet/tensor';
import type { SchedulerLike } from '../types/scheduler-like';
import type { TrainableModel } from '../types/trainable-model';
import type { TrainableOptimizer } from '../types/trainable-optimizer';
import type { LossFn } from './evaluate';
import type { TrainRow } from './history';
import { splitBatch } from './split-batch';

/**
 * What one training step uses.
 *
 * @example
 * ```ts
 * const parts: TrainStepParts = {
 *   model, optimizer, loss: crossEntropy, schedule: undefined, scheduler, maxNorm: 1,
 *   notFinite: (what, value) => { throw new Error(`${what} became ${value}`); },
 * };
 * ```
 */
export interface TrainStepParts {
  model: TrainableModel;
  optimizer: TrainableOptimizer;
  loss: LossFn;
  /** A schedule `(step) => lr` set on every param group before the step. */
  schedule: ((step: number) => number) | undefined;
  /** A scheduler object stepped after the optimizer. */
  scheduler: SchedulerLike | undefined;
  /** The gradients' global L2 norm is clipped to this (`Infinity`: only measured). */
  maxNorm: number;
  /** Called with a loss or gradient norm that is NaN or infinite, before the weights change; throws. */
  notFinite(what: string, value: number): never;
}

/**
 * One optimizer step on `batch` (`[input…, target]`), in the order of the hand-written PyTorch
 * loop, so the numbers match it exactly:
 *
 * ```text
 * lr = schedule(step) → model.train() → output = model.forward(...inputs) → loss(output, target)
 * → zeroGrad → backward → clipGradNorm → optimizer.step() → scheduler.step()
 * ```
 *
 * A loss or gradient norm that is not finite goes to `parts.notFinite` before the optimizer
 * touches the weights.
 *
 * @example
 * ```ts
 * const row = trainStep(parts, [xb, yb], 0, 0);
 * row.loss; row.gradNorm; // what fit records in history.train
 * ```
 */
export function trainStep(
  parts: TrainStepParts,
  batch: Tensor[],
  step: number,
  epoch: number,
): TrainRow {
  const { model, optimizer, loss, schedule, scheduler } = parts;
  const { inputs, target } = splitBatch(batch, 'fit');
  if (schedule !== undefined) {
    const lr = schedule(step);
    for (const group of optimizer.paramGroups) group.lr = lr;
  }
  const lr = optimizer.paramGroups[0].lr;
  model.train();
  const lossTensor = loss(model.forward(...inputs), target);
  const lossValue = lossTensor.item();
  if (!Number.isFinite(lossValue)) parts.notFinite('loss', lossValue);
  optimizer.zeroGrad();
  lossTensor.backward();
  const gradNorm = clipGradNorm(model.parameters(), parts.maxNorm);
  if (!Number.isFinite(gradNorm)) parts.notFinite('the gradient norm', gradNorm);
  optimizer.step();
  scheduler?.step();
  return { step, epoch, loss: lossValue, lr, gradNorm };
}
