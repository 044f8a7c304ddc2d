import { clipGradNorm } from '@torchlet/optim';
import { defaultGenerator, type Generator, type Tensor } from '@torchlet/tensor';
import type { Callback, FitContext } from '../callbacks/callback';
import { flattenState } from '../checkpoint/flatten-state';
import { loadCheckpoint } from '../checkpoint/load-checkpoint';
import { saveCheckpoint } from '../checkpoint/save-checkpoint';
import { unflattenState } from '../checkpoint/unflatten-state';
import { DataLoader } from '../data/data-loader';
import { atomicWriteFile } from '../node/atomic-write-file';
import { lossCurveSvg } from '../plot/loss-curve-svg';
import { lossCurveText } from '../plot/loss-curve-text';
import { defaultWriter } from '../progress/default-writer';
import { formatLogLine } from '../progress/format-log-line';
import { ProgressReporter, type ProgressMode } from '../progress/progress-reporter';
import type { ProgressWriter } from '../progress/progress-writer';
import type { SchedulerLike } from '../types/scheduler-like';
import type { TrainableModel } from '../types/trainable-model';
import type { TrainableOptimizer } from '../types/trainable-optimizer';
import { evaluate, type LossFn } from './evaluate';
import { FIT_STATE_KEY, type FitState, type RngStates } from './fit-state';
import type { EvalRow, History, TrainRow } from './history';
import type { Metric } from './metric';
import { periodicYield } from './periodic-yield';
import { splitBatch } from './split-batch';

/**
 * Batches as `fit` and `evaluate` read them: `[input…, target]` arrays, sync or async.
 *
 * @example
 * ```ts
 * const train: BatchSource = [[xb0, yb0], [xb1, yb1]]; // or a DataLoader
 * ```
 */
export type BatchSource = Iterable<Tensor[]> | AsyncIterable<Tensor[]>;

/**
 * Options of {@link fit}.
 *
 * @example
 * ```ts
 * const options: FitOptions = { model, optimizer, loss: crossEntropy, train: loader, steps: 500 };
 * ```
 */
export interface FitOptions {
  model: TrainableModel;
  optimizer: TrainableOptimizer;
  /** `(output, target) => scalar Tensor`, e.g. `crossEntropy`. */
  loss: LossFn;
  /** Training batches `[input…, target]`, e.g. a {@link DataLoader}; read once per epoch. */
  train: BatchSource;
  /** Validation batches, evaluated every `evalEvery` steps and after the last step. */
  val?: BatchSource;
  /** Passes over `train`. At least one of `epochs` and `steps` is needed; the first reached ends training. */
  epochs?: number;
  /** Total optimizer steps (counting those before a resume). */
  steps?: number;
  /**
   * Either a schedule `(step) => lr`, which `fit` applies to every param group before each step
   * (as `opt.paramGroups[0].lr = lr(step)` does), or a scheduler object whose `step()` is called
   * after each optimizer step.
   */
  scheduler?: ((step: number) => number) | SchedulerLike;
  /** Clip the gradients' global L2 norm to this value before each step. */
  clipGradNorm?: number;
  /** Validation metrics: `'loss'`, `'accuracy'`, functions `(output, target) => number`. Default `['loss']`. */
  metrics?: readonly Metric[];
  callbacks?: readonly Callback[];
  /** Print a log line every this many steps (and at the first and last). Default 100. */
  logEvery?: number;
  /** Evaluate every this many steps (and after the last), or at the end of each epoch. Default `logEvery`. */
  evalEvery?: number | 'epoch';
  /** `'auto'` (default): a redrawn bar on a TTY, plain lines otherwise; `false` prints nothing. */
  progress?: boolean | 'auto' | 'bar' | 'log' | 'none';
  /** Where progress goes (default `process.stdout`, or `console.log` outside Node). */
  output?: ProgressWriter;
  /** Print the loss curves in the terminal at the end (default: when progress is shown). */
  chart?: boolean;
  /** Write the loss curves as an SVG file to this path at the end (Node only). */
  plot?: string;
  /** Title of the SVG plot (default `'Loss'`). */
  plotTitle?: string;
  /** Continue from a checkpoint written by the `checkpoint` callback (or `saveCheckpoint`). */
  resume?: string;
}

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
  const { model, optimizer, loss, train, val, epochs, steps, callbacks = [] } = options;
  checkOptions(options);
  const logEvery = options.logEvery ?? 100;
  const evalEvery = options.evalEvery ?? logEvery;
  const metrics = options.metrics ?? ['loss'];
  const scheduleFn = typeof options.scheduler === 'function' ? options.scheduler : undefined;
  const schedulerObject = typeof options.scheduler === 'object' ? options.scheduler : undefined;
  const maxNorm = options.clipGradNorm ?? Infinity;
  const writer = options.output ?? defaultWriter();
  const mode = progressMode(options.progress, writer);
  const trainLength = lengthOf(train);
  const total =
    steps !== undefined
      ? epochs !== undefined && trainLength !== undefined
        ? Math.min(steps, epochs * trainLength)
        : steps
      : trainLength !== undefined
        ? epochs! * trainLength
        : undefined;
  const reporter = new ProgressReporter(mode, writer, { total });
  const loaderGenerator = train instanceof DataLoader ? train.generator : null;

  let history: History = { train: [], eval: [] };
  let step = 0;
  let epoch = 0;
  let resume: FitState | undefined;
  if (options.resume !== undefined) {
    const loaded = await loadCheckpoint(options.resume, {
      model,
      optimizer,
      scheduler: schedulerObject,
    });
    const text = loaded.metadata[FIT_STATE_KEY];
    if (text !== undefined) {
      resume = unflattenState(JSON.parse(text), {}) as FitState;
      history = resume.history;
      step = resume.step + 1;
      epoch = resume.epoch;
    } else if (loaded.step !== undefined) {
      step = loaded.step + 1;
    }
  }

  let stopReason: string | undefined;
  let lastCheckpoint: { path: string; step: number } | null = null;
  let current = { step: Math.max(0, step - 1), epoch, batchInEpoch: 0, isLast: false };
  let epochStartRng: RngStates = captureRng(loaderGenerator);
  let stepsRun = 0;
  let stepTaken = false; // from the first step's start on, `current` says where the run is
  // Where the run stands before its first step (a checkpoint from onFitStart): the state it
  // resumed from, or "no step done yet" with the generators as they are now.
  const loadedState = resume;
  const startState = (): FitState =>
    loadedState ?? {
      version: 1,
      step: step - 1,
      epoch,
      batchInEpoch: 0,
      rng: captureRng(loaderGenerator),
      epochStartRng: captureRng(loaderGenerator),
      history,
    };
  const ctx: FitContext = {
    model,
    optimizer,
    scheduler: options.scheduler,
    history,
    get step() {
      return current.step;
    },
    get epoch() {
      return current.epoch;
    },
    get isLastStep() {
      return current.isLast;
    },
    get lastCheckpoint() {
      return lastCheckpoint;
    },
    stop(reason = 'stopped by a callback') {
      stopReason ??= reason;
    },
    async saveCheckpoint(path: string) {
      const state: FitState = !stepTaken
        ? startState()
        : {
            version: 1,
            step: current.step,
            epoch: current.epoch,
            batchInEpoch: current.batchInEpoch,
            rng: captureRng(loaderGenerator),
            epochStartRng,
            history,
          };
      await saveCheckpoint(path, {
        model,
        optimizer,
        scheduler: schedulerObject,
        step: state.step,
        metadata: { [FIT_STATE_KEY]: JSON.stringify(flattenState('fit', state).skeleton) },
      });
      lastCheckpoint = { path, step: state.step };
    },
    log(text: string) {
      reporter.line(text);
    },
  };

  const runEval = async (rngBefore?: RngStates): Promise<EvalRow> => {
    const values = await evaluate(model, val!, { loss, metrics });
    // Put the generators back before the callbacks, so a checkpoint they write holds them.
    if (rngBefore !== undefined) restoreRng(rngBefore, loaderGenerator);
    const row: EvalRow = { step: current.step, epoch: current.epoch, ...values };
    history.eval.push(row);
    for (const cb of callbacks) await cb.onEvalEnd?.(ctx, row);
    return row;
  };
  // An evaluation that only happens because the run ends here must not move the generators (a
  // val DataLoader draws its base seed): a checkpoint taken now then resumes exactly as the
  // longer, uninterrupted run continues.
  const finalEval = async (): Promise<EvalRow> => {
    const saved = captureRng(loaderGenerator);
    try {
      return await runEval(saved);
    } finally {
      restoreRng(saved, loaderGenerator);
    }
  };
  const failIfNotFinite = (what: string, value: number, at: number): void => {
    if (Number.isFinite(value)) return;
    reporter.finish();
    const where =
      lastCheckpoint === null
        ? 'no checkpoint had been written in this run'
        : `the last good checkpoint (${lastCheckpoint.path}, step ${lastCheckpoint.step}) is intact`;
    const error = new Error(`fit: ${what} became ${value} at step ${at}; ${where}`);
    throw Object.assign(error, { step: at });
  };

  for (const cb of callbacks) await cb.onFitStart?.(ctx);
  // A macrotask every 20 ms lets finalizers release the device buffers of collected tensors.
  const pause = periodicYield(20);
  let lastLogged = -1;
  const done = () =>
    stopReason !== undefined ||
    (steps !== undefined && step >= steps) ||
    (epochs !== undefined && epoch >= epochs);

  while (!done()) {
    // Replaying a resumed epoch starts from the generator states its iterator was created with.
    const skip = resume !== undefined && resume.epoch === epoch ? resume.batchInEpoch : 0;
    if (skip > 0) restoreRng(resume!.epochStartRng, loaderGenerator);
    // Saved before its epoch drew a batch (from onFitStart): the generators as they were then.
    else if (resume !== undefined && resume.epoch === epoch)
      restoreRng(resume.rng, loaderGenerator);
    epochStartRng = skip > 0 ? resume!.epochStartRng : captureRng(loaderGenerator);
    const iterator = iteratorOf(train);
    let batchInEpoch = 0;
    let exhausted = false;
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done) {
          exhausted = true;
          break;
        }
        batchInEpoch++;
        if (batchInEpoch <= skip) {
          if (batchInEpoch === skip) restoreRng(resume!.rng, loaderGenerator);
          continue;
        }
        const isLast =
          (steps !== undefined && step === steps - 1) ||
          (epochs !== undefined &&
            epoch === epochs - 1 &&
            trainLength !== undefined &&
            batchInEpoch === trainLength);
        current = { step, epoch, batchInEpoch, isLast };
        stepTaken = true;

        const { inputs, target } = splitBatch(next.value, 'fit');
        if (scheduleFn !== undefined) {
          const lr = scheduleFn(step);
          for (const group of optimizer.paramGroups) group.lr = lr;
        }
        const lr = optimizer.paramGroups[0].lr;
        model.train();
        const lossTensor = loss(model.forward(...inputs), target);
        const lossValue = lossTensor.item();
        failIfNotFinite('loss', lossValue, step);
        optimizer.zeroGrad();
        lossTensor.backward();
        const gradNorm = clipGradNorm(model.parameters(), maxNorm);
        failIfNotFinite('the gradient norm', gradNorm, step);
        optimizer.step();
        schedulerObject?.step();
        const row: TrainRow = { step, epoch, loss: lossValue, lr, gradNorm };
        history.train.push(row);
        reporter.update(step, lossValue);

        const endOfEpoch = trainLength !== undefined && batchInEpoch === trainLength;
        const scheduled =
          val !== undefined && (evalEvery === 'epoch' ? endOfEpoch : step % evalEvery === 0);
        const evalRow = scheduled
          ? await runEval()
          : val !== undefined && isLast
            ? await finalEval()
            : undefined;
        if (step % logEvery === 0 || isLast || evalRow !== undefined) {
          reporter.line(logLine(row, evalRow));
          lastLogged = step;
        }
        for (const cb of callbacks) await cb.onStepEnd?.(ctx, row);
        await pause();
        step++;
        stepsRun++;
        if (done()) break;
      }
    } finally {
      if (!exhausted) await iterator.return?.();
    }
    if (batchInEpoch < skip) {
      throw new Error(
        `fit: cannot resume: the train loader yielded ${batchInEpoch} batches in epoch ${epoch}, ` +
          `but the checkpoint was taken after batch ${skip}; was the data changed?`,
      );
    }
    if (batchInEpoch === 0) {
      throw new Error(
        `fit: the train loader yielded no batches in epoch ${epoch}; pass a loader that can be ` +
          'iterated once per epoch (a DataLoader or an array, not a one-shot generator)',
      );
    }
    resume = undefined;
    if (!exhausted) break;
    // Steps of an epoch of unknown length: evaluate once its end is seen.
    if (val !== undefined && evalEvery === 'epoch' && trainLength === undefined) {
      const row = history.train[history.train.length - 1];
      if (history.eval[history.eval.length - 1]?.step !== row.step) {
        reporter.line(logLine(row, await runEval()));
        lastLogged = row.step;
      }
    }
    epoch++;
  }

  // When the run's length was not known in advance, its last step still gets evaluated and logged.
  const lastRow = history.train[history.train.length - 1];
  if (lastRow !== undefined && stepsRun > 0) {
    if (val !== undefined && history.eval[history.eval.length - 1]?.step !== lastRow.step) {
      reporter.line(logLine(lastRow, await finalEval()));
    } else if (lastLogged !== lastRow.step) {
      reporter.line(logLine(lastRow, undefined));
    }
  }
  if (stopReason !== undefined) {
    history.stopReason = stopReason;
    reporter.line(stopReason);
  }
  for (const cb of callbacks) await cb.onFitEnd?.(ctx);
  reporter.finish();
  if (options.chart ?? mode !== 'none') {
    if (history.train.length > 0) writer.write(`${lossCurveText(history)}\n`);
  }
  if (options.plot !== undefined) {
    await atomicWriteFile(options.plot, lossCurveSvg(history, { title: options.plotTitle }), 'fit');
    if (mode !== 'none') writer.write(`loss curve written to ${options.plot}\n`);
  }
  return history;
}

function logLine(row: TrainRow, evalRow: EvalRow | undefined): string {
  let val: Record<string, number> | undefined;
  if (evalRow !== undefined) {
    const { step: _step, epoch: _epoch, ...metrics } = evalRow;
    val = metrics;
  }
  return formatLogLine({ step: row.step, trainLoss: row.loss, val, lr: row.lr });
}

function checkOptions(o: FitOptions): void {
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

function progressMode(option: FitOptions['progress'], writer: ProgressWriter): ProgressMode {
  if (option === false || option === 'none') return 'none';
  if (option === 'bar' || option === 'log') return option;
  return writer.isTTY === true ? 'bar' : 'log';
}

function lengthOf(source: BatchSource): number | undefined {
  try {
    const n = (source as { length?: unknown }).length;
    return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

function iteratorOf(source: BatchSource): AsyncIterator<Tensor[]> | Iterator<Tensor[]> {
  if (Symbol.asyncIterator in source)
    return (source as AsyncIterable<Tensor[]>)[Symbol.asyncIterator]();
  if (Symbol.iterator in source) return (source as Iterable<Tensor[]>)[Symbol.iterator]();
  throw new TypeError('fit: options.train must be iterable (a DataLoader or an array of batches)');
}

function captureRng(loader: Generator | null): RngStates {
  return { global: defaultGenerator.getState(), loader: loader?.getState() ?? null };
}

function restoreRng(states: RngStates, loader: Generator | null): void {
  defaultGenerator.setState(states.global);
  if (loader !== null && states.loader !== null) loader.setState(states.loader);
}
