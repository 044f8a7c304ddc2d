import { multinomial, randint, tensor, type Tensor } from 'torchlet';

/** One batch of skip-gram examples, as int32 tensors. */
export interface SkipGramBatch {
  /** The centre words, `[B]`. */
  readonly center: Tensor;
  /** For each centre word its true context word, then `negatives` noise words: `[B, 1 + K]`. */
  readonly targets: Tensor;
}

/**
 * Draws a batch for skip-gram with negative sampling from the word-id stream `ids`: `batchSize`
 * random centre positions, each paired with a word at most `window` places away on either side,
 * and `negatives` noise words per pair drawn (with replacement, by `multinomial`) from `noise`,
 * the unigram counts raised to the 3/4 power as in word2vec.
 *
 * @example
 * ```ts
 * const noise = tensor([...vocab.counts]).pow(0.75);
 * const { center, targets } = sampleSkipGrams(ids, noise, { batchSize: 512, window: 4, negatives: 5 });
 * ```
 */
export function sampleSkipGrams(
  ids: Int32Array,
  noise: Tensor,
  options: { batchSize: number; window: number; negatives: number },
): SkipGramBatch {
  const { batchSize, window, negatives } = options;
  if (ids.length <= 2 * window) {
    throw new RangeError(
      `sampleSkipGrams: the text has ${ids.length} words, too few for a window of ${window}`,
    );
  }
  const positions = randint(window, ids.length - window, [batchSize]).dataSync();
  // 2·window choices of offset: -window … -1, then 1 … window.
  const draws = randint(0, 2 * window, [batchSize]).dataSync();
  const center = new Int32Array(batchSize);
  const targets = new Int32Array(batchSize * (1 + negatives));
  const noiseIds = multinomial(noise, batchSize * negatives, { replacement: true }).dataSync();
  for (let b = 0; b < batchSize; b++) {
    const offset = draws[b] < window ? draws[b] - window : draws[b] - window + 1;
    center[b] = ids[positions[b]];
    targets[b * (1 + negatives)] = ids[positions[b] + offset];
    for (let k = 0; k < negatives; k++) {
      targets[b * (1 + negatives) + 1 + k] = noiseIds[b * negatives + k];
    }
  }
  return {
    center: tensor(center, { dtype: 'int32' }),
    targets: tensor(targets, { dtype: 'int32' }).reshape([batchSize, 1 + negatives]),
  };
}
