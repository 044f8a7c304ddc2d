export type { GradientTransform, Params, Schedule } from './types';
export type { ParamGroup } from './optimizer-like';
export {
  Optimizer,
  type OptimizerStateDict,
  type ParamGroupInput,
  type ParamsInput,
} from './optimizer';
export { SGD, type SGDOptions } from './optimizers/sgd';
export { Adam, type AdamOptions } from './optimizers/adam';
export { AdamW, type AdamWOptions } from './optimizers/adamw';
export { Lion, type LionOptions } from './optimizers/lion';
export { clipGradNorm, clipGradValue } from './clip-grad-norm';
export type { ClipGradNormOptions } from './clip-grad-norm-options';
export { chain, type ChainState } from './transforms/chain';
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
