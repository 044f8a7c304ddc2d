export type { Schedule } from './schedule';
export { constant } from './constant';
export { linear, type LinearScheduleOptions } from './linear';
export { warmup, type WarmupOptions } from './warmup';
export { cosineDecay, type CosineDecayOptions } from './cosine-decay';
export { cosineAnnealing, type CosineAnnealingOptions } from './cosine-annealing';
export { exponentialDecay, type ExponentialDecayOptions } from './exponential-decay';
export { stepDecay, type StepDecayOptions } from './step-decay';
export { oneCycle, type OneCycleOptions } from './one-cycle';
export { warmupCosine, type WarmupCosineOptions } from './warmup-cosine';
export { join } from './join';
export { sampleSchedule } from './sample-schedule';
export { renderSchedule, type RenderScheduleOptions } from './render-schedule';
export { scheduleToSvg, type ScheduleToSvgOptions } from './schedule-to-svg';
export type { SchedulableOptimizer } from './schedulable-optimizer';
export { LRScheduler, type LRSchedulerStateDict } from './lr-scheduler';
export {
  ReduceLROnPlateau,
  type ReduceLROnPlateauOptions,
  type ReduceLROnPlateauStateDict,
} from './reduce-lr-on-plateau';
