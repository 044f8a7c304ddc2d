/**
 * What the lr schedulers need of an optimizer: parameter groups whose `lr` they can set. Any
 * PyTorch-style optimizer fits, `@torchlet/optim`'s included, without either package importing
 * the other.
 *
 * @example
 * ```ts
 * const fake: SchedulableOptimizer = { paramGroups: [{ lr: 0.1 }] };
 * const scheduler = new LRScheduler(fake, cosineDecay({ peak: 0.1, decaySteps: 100 }));
 * ```
 */
export interface SchedulableOptimizer {
  /** The parameter groups, each with a learning rate the scheduler sets. */
  readonly paramGroups: readonly {
    /** The group's learning rate. */
    lr: number;
  }[];
}
