import { DataLoader } from '../data/data-loader';
import { checkFitOptions } from './check-fit-options';
import { epochBatches } from './epoch-batches';
import { fitContext } from './fit-context';
import { fitEvaluation } from './fit-evaluation';
import { FitLog } from './fit-log';
import type { FitOptions } from './fit-options';
import { planFit } from './fit-plan';
import { fitRng } from './fit-rng';
import type { History } from './history';
import { notFiniteError } from './not-finite-error';
import { periodicYield } from './periodic-yield';
import { resumeFit } from './resume-fit';
import { trainStep, type TrainStepParts } from './train-step';
import { writeLossCurves } from './write-loss-curves';

// fit's types, beside it for those who import them from here.
export type { BatchSource } from './batch-source';
export type { FitOptions } from './fit-options';

/**
 * Trains a model, PyTorch-tutorial style, and returns its {@link History}. Each step does what
 * the hand-written loop does, in the same order, so the numbers match it exactly:
 *
 * ```text
 * lr = schedule(step) → model.train() → output = model.forward(...inputs) → loss(output, target)
 * → zeroGrad → backward → clipGradNorm → optimizer.step() → scheduler.step()
 * ```
 *
 * then evaluates on `val` under `noGrad` in eval mode when due, prints progress, and runs the
 * callbacks. A loss or gradient norm that becomes NaN or infinite stops training before the
 * weights are touched, with an error naming the step and the last checkpoint written (which
 * is intact, since checkpoints are written atomically and never after a bad step).
 *
 * @example
 * ```ts
 * const history = await fit({
 *   model, optimizer: new AdamW(model.namedParameters(), { lr: 3e-4 }), loss: crossEntropy,
 *   train: new DataLoader(new TensorDataset(x, y), { batchSize: 32, shuffle: true }),
 *   val: [[xVal, yVal]], steps: 500, scheduler: warmupCosine({ peak: 3e-4, warmupSteps: 50, totalSteps: 500 }),
 *   clipGradNorm: 1, metrics: ['loss', 'accuracy'], plot: 'loss.svg',
 *   callbacks: [checkpoint({ path: 'runs/last.safetensors', every: 100 })],
 * });
 * ```
 */
export async function fit(options: FitOptions): Promise<History> {
  checkFitOptions(options);
  const { model, optimizer, loss, train, epochs, steps, callbacks = [] } = options;
  const plan = planFit(options);
  const log = new FitLog(options, plan.total, plan.logEvery);
  const rng = fitRng(train instanceof DataLoader ? train.generator : null);
  const run = await resumeFit(options.resume, { model, optimizer, scheduler: plan.scheduler }, rng);
  const ctx = fitContext({ model, optimizer, scheduler: options.scheduler }, run, rng, (text) =>
    log.line(text),
  );
  const evaluation = fitEvaluation(ctx, options, plan, rng);
  const stepParts: TrainStepParts = {
    model,
    optimizer,
    loss,
    schedule: plan.schedule,
    scheduler: plan.scheduler,
    maxNorm: plan.maxNorm,
    notFinite(what: string, value: number): never {
      log.finish();
      throw notFiniteError(what, value, run.at.step, run.lastCheckpoint);
    },
  };
  const done = () =>
    run.stopReason !== undefined ||
    (steps !== undefined && run.step >= steps) ||
    (epochs !== undefined && run.epoch >= epochs);

  for (const cb of callbacks) await cb.onFitStart?.(ctx);
  // A macrotask every 20 ms lets finalizers release the device buffers of collected tensors.
  const pause = periodicYield(20);
  while (!done()) {
    let stoppedEarly = false;
    for await (const { batch, batchInEpoch } of epochBatches(train, run, rng)) {
      const isLast = plan.isLast(run.step, run.epoch, batchInEpoch);
      run.at = { step: run.step, epoch: run.epoch, batchInEpoch, isLast };
      run.stepTaken = true;
      const row = trainStep(stepParts, batch, run.step, run.epoch);
      run.history.train.push(row);
      log.progress(row);
      const evalRow = await evaluation.afterStep(row.step, batchInEpoch, isLast);
      log.stepEnd(row, evalRow, isLast);
      for (const cb of callbacks) await cb.onStepEnd?.(ctx, row);
      await pause();
      run.step++;
      run.stepsRun++;
      if (done()) {
        stoppedEarly = true;
        break;
      }
    }
    if (stoppedEarly) break;
    // An epoch of unknown length is evaluated once its end is seen.
    const epochEval = await evaluation.afterEpoch();
    if (epochEval !== undefined) log.row(run.history.train.at(-1)!, epochEval);
    run.epoch++;
  }

  // When the run's length was not known in advance, its last step still gets evaluated and logged.
  const lastRow = run.history.train.at(-1);
  if (lastRow !== undefined && run.stepsRun > 0) log.last(lastRow, await evaluation.atEnd(lastRow));
  if (run.stopReason !== undefined) {
    run.history.stopReason = run.stopReason;
    log.line(run.stopReason);
  }
  for (const cb of callbacks) await cb.onFitEnd?.(ctx);
  log.finish();
  await writeLossCurves(run.history, options, log.writer, log.mode);
  return run.history;
}
