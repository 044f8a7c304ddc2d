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
  /** The parameter groups, each with a learning rate `fit` may set. */
  readonly paramGroups: readonly {
    /** The group's learning rate. */
    lr: number;
  }[];
  /** Clears the parameters' gradients before the next backward pass. */
  zeroGrad(): void;
  /** Updates the parameters from their gradients. */
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
