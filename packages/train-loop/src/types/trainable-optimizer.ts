/**
 * What the training loop needs from an optimizer (every optimizer of `@torchlet/optim` fits):
 * param groups with a mutable `lr`, `zeroGrad`, `step`, and a state dict it can restore.
 *
 * @example
 * ```ts
 * const opt: TrainableOptimizer = new AdamW(model.namedParameters(), { lr: 3e-4 });
 * ```
 */
export interface TrainableOptimizer {
  readonly paramGroups: readonly { lr: number }[];
  zeroGrad(): void;
  step(): void;
  /** Nested records of numbers, strings, arrays and Tensors. */
  stateDict(): unknown;
  /** Must validate and leave the optimizer untouched when it throws. */
  loadStateDict(state: unknown): void;
  /**
   * Throws what {@link loadStateDict} would throw, changing nothing (`@torchlet/optim`'s
   * optimizers have it), so `loadCheckpoint` can check every part before it writes any.
   */
  checkStateDict?(state: unknown): void;
}
