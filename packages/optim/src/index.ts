export type { GradientTransform, Params, Schedule } from './types';
export type { ParamGroup } from './optimizer-like';
export {
  Optimizer,
  type OptimizerStateDict,
  type ParamGroupInput,
  type ParamsInput,
} from './optimizer';
export { SGD, type SGDOptions } from './optimizers/sgd';
export { Adam } from './optimizers/adam';
export { AdamW } from './optimizers/adamw';
export type { AdamOptions, AdamWOptions } from './optimizers/adam-options';
export { adamStep_ } from './adam-step';
export { Lion, type LionOptions } from './optimizers/lion';
export { clipGradNorm, clipGradValue } from './clip-grad-norm';
export type { ClipGradNormOptions } from './clip-grad-norm-options';
export { chain, type Chain, type ChainState, type StateOf } from './transforms/chain';
export {
  scaleByAdam,
  type ScaleByAdamOptions,
  type ScaleByAdamState,
} from './transforms/scale-by-adam';
export {
  scaleByMomentum,
  type ScaleByMomentumOptions,
  type ScaleByMomentumState,
} from './transforms/scale-by-momentum';
export { scaleByLion, type ScaleByLionState } from './transforms/scale-by-lion';
export { addDecayedWeights } from './transforms/add-decayed-weights';
export {
  scaleByLearningRate,
  type ScaleByLearningRateState,
} from './transforms/scale-by-learning-rate';
export {
  clipByGlobalNorm,
  globalNorm,
  type ClipByGlobalNormState,
} from './transforms/clip-by-global-norm';
export { masked } from './transforms/masked';
