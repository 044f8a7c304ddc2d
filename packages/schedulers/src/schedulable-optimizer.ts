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
  readonly paramGroups: readonly { lr: number }[];
}
