import type { Tensor } from '@torchlet/tensor';

/**
 * What the training loop needs from a model: the `Module` interface of `@torchlet/layers`
 * (any `Module` fits), declared structurally so tests and wrappers can supply their own.
 *
 * @example
 * ```ts
 * const model: TrainableModel = new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 2));
 * ```
 */
export interface TrainableModel {
  // any: each model declares its own inputs and output (a Tensor, a tuple, …).
  /** Runs the model on a batch's inputs. */
  forward(...inputs: any[]): any;
  /** The tensors to clip and count. */
  parameters(): Iterable<Tensor>;
  /** Switches to training mode (`mode` false: evaluation mode). */
  train(mode?: boolean): unknown;
  /** Switches to evaluation mode (dropout off). */
  eval(): unknown;
  /** The weights by name, as saved in checkpoints. */
  stateDict(): Record<string, Tensor>;
  /** Must validate names and shapes and leave the model untouched when it throws. */
  loadStateDict(state: Readonly<Record<string, Tensor>>): unknown;
  /** True in training mode; when present, `evaluate` restores it afterwards. */
  training?: boolean;
}
