import type { Tensor } from '@torchlet/tensor';

/** One parameter group of a PyTorch-style optimizer: its parameters and hyperparameters. */
export interface ParamGroup {
  /** Parameter names in this group (keys of the optimizer's state). */
  readonly names: readonly string[];
  readonly params: readonly Tensor[];
  /** Learning rate; change it between steps and the next step uses it. */
  lr: number;
  weightDecay: number;
  [hyperparameter: string]: unknown;
}
