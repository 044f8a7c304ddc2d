export { bceWithLogits, type BceWithLogitsOptions } from './bce-with-logits';
export type { Reduction, ReductionOptions } from './check-reduction';
export { crossEntropy, type CrossEntropyOptions } from './cross-entropy';
export { l1Loss } from './l1-loss';
export { mseLoss } from './mse-loss';
export { nllLoss, type NllLossOptions } from './nll-loss';
