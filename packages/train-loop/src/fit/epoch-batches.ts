import type { Tensor } from '@torchlet/tensor';
import type { BatchSource } from './batch-source';
import type { FitRng } from './fit-rng';
import type { FitRun } from './fit-run';

/**
 * A batch of an epoch, with its 1-based place in the epoch.
 *
 * @example
 * ```ts
 * const { batch, batchInEpoch }: EpochBatch = { batch: [xb, yb], batchInEpoch: 1 };
 * ```
 */
export interface EpochBatch {
  batch: Tensor[];
  batchInEpoch: number;
}

/**
 * The batches `fit` trains on in epoch `run.epoch`, from a fresh iterator over `train` (closed
 * when the caller stops early); it sets `run.epochStartRng`. Replaying a resumed epoch
 * (`run.replay`, taken and cleared), it first puts back the generators the epoch started with,
 * skips the batches trained on before the checkpoint and then puts back the generators as they
 * were after the last of them: the next batch, and every draw after it, are those of the
 * uninterrupted run. An epoch with no batches, or fewer than the checkpoint says it had, is an
 * error.
 *
 * @example
 * ```ts
 * for await (const { batch, batchInEpoch } of epochBatches(train, run, rng)) {
 *   trainStep(parts, batch, run.step, run.epoch);
 * }
 * ```
 */
export async function* epochBatches(
  train: BatchSource,
  run: FitRun,
  rng: FitRng,
): AsyncGenerator<EpochBatch, void, undefined> {
  const { epoch, replay } = run;
  run.replay = undefined;
  const skip = replay?.batchInEpoch ?? 0;
  // Replaying a resumed epoch starts from the generator states its iterator was created with;
  // one saved before its epoch drew a batch (from onFitStart) holds the generators as they were.
  if (replay !== undefined) rng.restore(skip > 0 ? replay.epochStartRng : replay.rng);
  run.epochStartRng = skip > 0 ? replay!.epochStartRng : rng.capture();
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
        if (batchInEpoch === skip) rng.restore(replay!.rng);
        continue;
      }
      yield { batch: next.value, batchInEpoch };
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
}

function iteratorOf(source: BatchSource): AsyncIterator<Tensor[]> | Iterator<Tensor[]> {
  if (Symbol.asyncIterator in source)
    return (source as AsyncIterable<Tensor[]>)[Symbol.asyncIterator]();
  if (Symbol.iterator in source) return (source as Iterable<Tensor[]>)[Symbol.iterator]();
  throw new TypeError('fit: options.train must be iterable (a DataLoader or an array of batches)');
}
