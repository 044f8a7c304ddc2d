import type { Tensor } from '@torchlet/tensor';

/**
 * Batches as `fit` and `evaluate` read them: `[input…, target]` arrays, sync or async.
 *
 * @example
 * ```ts
 * const train: BatchSource = [[xb0, yb0], [xb1, yb1]]; // or a DataLoader
 * ```
 */
export type BatchSource = Iterable<Tensor[]> | AsyncIterable<Tensor[]>;
