// The umbrella package: re-exports only. Importing it attaches autograd, so backward() works.
export * from '@torchlet/tensor';
export * from '@torchlet/autograd';
export * as autograd from '@torchlet/autograd';
export * from '@torchlet/layers';
export * from '@torchlet/losses';
// tensor already exports relu, sigmoid and tanh with the same meaning; add the rest.
export {
  gelu,
  leakyRelu,
  logSoftmax,
  silu,
  softmax,
  swiglu,
  type GeluOptions,
} from '@torchlet/activations';
export * from '@torchlet/optim';
export * as optim from '@torchlet/optim';
// optim and schedulers both define Schedule, the same `(step) => number` type.
export * from '@torchlet/schedulers';
export type { Schedule } from '@torchlet/schedulers';
export * as lrScheduler from '@torchlet/schedulers';
export * from '@torchlet/train-loop';
export * as nn from './nn';
export * as functional from './functional';
