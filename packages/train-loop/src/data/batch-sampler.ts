/**
 * Groups a stream of indices into batches, like PyTorch's `BatchSampler`: full batches of
 * `batchSize`, then the remainder unless `dropLast`. It pulls indices lazily, so a sampler's
 * end-of-epoch work happens when PyTorch's would.
 *
 * @example
 * ```ts
 * [...batchSampler([0, 1, 2, 3, 4], 2, false)]; // [[0, 1], [2, 3], [4]]
 * ```
 */
export function* batchSampler(
  indices: Iterable<number>,
  batchSize: number,
  dropLast: boolean,
): IterableIterator<number[]> {
  let batch: number[] = [];
  for (const index of indices) {
    batch.push(index);
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0 && !dropLast) yield batch;
}
