import type { Generator, Tensor } from 'torchlet';
import { getBatch } from './get-batch';

/** Options of {@link randomBatches}. */
export interface RandomBatchesOptions {
  blockSize: number;
  batchSize: number;
  /** Batches per pass (what `fit` counts as an epoch). */
  batchesPerEpoch: number;
  /** Draws from this generator (default: the global one, which `fit` saves in checkpoints). */
  generator?: Generator;
}

/**
 * Training batches for `fit`: every pass over the result draws `batchesPerEpoch` fresh random
 * windows with {@link getBatch}, as nanoGPT's training loop does at every step. With the global
 * generator, a run resumed from a checkpoint draws the same batches as the uninterrupted run.
 *
 * @example
 * ```ts
 * await fit({ train: randomBatches(trainData, { blockSize: 64, batchSize: 32, batchesPerEpoch: 100 }), … });
 * ```
 */
export function randomBatches(data: Tensor, options: RandomBatchesOptions): Iterable<Tensor[]> {
  const { blockSize, batchSize, batchesPerEpoch, generator } = options;
  return {
    *[Symbol.iterator]() {
      for (let i = 0; i < batchesPerEpoch; i++)
        yield getBatch(data, blockSize, batchSize, generator);
    },
  };
}
