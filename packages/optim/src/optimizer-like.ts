import type { Tensor } from '@torchlet/tensor';

/** One parameter group of a PyTorch-style optimizer: its parameters and hyperparameters. */
export interface ParamGroup {
  /** Parameter names in this group (keys of the optimizer's state). */
  readonly names: readonly string[];
  /** The group's parameters, in the order of `names`. */
  readonly params: readonly Tensor[];
  /** Learning rate; change it between steps and the next step uses it. */
  lr: number;
  /** Weight decay factor (L2 for SGD and Adam, decoupled for AdamW and Lion); 0 for none. */
  weightDecay: number;
  [hyperparameter: string]: unknown;
}
