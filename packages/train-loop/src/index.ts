export {
  DataLoader,
  type DataLoaderOptions,
  type Dataset,
  type MapDataset,
} from './data/data-loader';
export { TensorDataset } from './data/tensor-dataset';
export { defaultCollate } from './data/default-collate';
export { randomSampler } from './data/random-sampler';
export { batchSampler } from './data/batch-sampler';

export { fit, type BatchSource, type FitOptions } from './fit/fit';
export { evaluate, type EvaluateOptions, type LossFn } from './fit/evaluate';
export type { EvalRow, History, TrainRow } from './fit/history';
export type { FitState, GeneratorState, RngStates } from './fit/fit-state';
export type { Metric, MetricFn } from './fit/metric';
export { accuracy } from './fit/accuracy';
export { countCorrect } from './fit/count-correct';

export type { Callback, FitContext } from './callbacks/callback';
export { earlyStopping, type EarlyStoppingOptions } from './callbacks/early-stopping';
export { checkpoint, type CheckpointCallbackOptions } from './callbacks/checkpoint';

export { formatLogLine, type LogLineValues } from './progress/format-log-line';
export { formatProgressBar, type ProgressBarValues } from './progress/format-progress-bar';
export { formatDuration } from './progress/format-duration';
export {
  ProgressReporter,
  type ProgressMode,
  type ProgressReporterOptions,
} from './progress/progress-reporter';
export type { ProgressWriter } from './progress/progress-writer';

export { lossCurveText, type LossCurveTextOptions } from './plot/loss-curve-text';
export { lossCurveSvg, type LossCurveSvgOptions } from './plot/loss-curve-svg';

export { encodeSafetensors, type SafetensorsEntry } from './safetensors/encode-safetensors';
export { decodeSafetensors, type SafetensorsContents } from './safetensors/decode-safetensors';
export { saveSafetensors } from './safetensors/save-safetensors';
export { loadSafetensors } from './safetensors/load-safetensors';
export type { SafetensorsDType } from './safetensors/safetensors-dtype';

export { saveCheckpoint, type SaveCheckpointOptions } from './checkpoint/save-checkpoint';
export {
  loadCheckpoint,
  type LoadCheckpointOptions,
  type LoadedCheckpoint,
} from './checkpoint/load-checkpoint';
export { flattenState, type FlatState } from './checkpoint/flatten-state';
export { unflattenState } from './checkpoint/unflatten-state';
export { atomicWriteFile } from './node/atomic-write-file';

export type { TrainableModel } from './types/trainable-model';
export type { TrainableOptimizer } from './types/trainable-optimizer';
export type { SchedulerLike } from './types/scheduler-like';
