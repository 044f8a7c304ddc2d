/**
 * `@torchlet/tensor`: the `Tensor` class, creation functions, ops, seeded random numbers, the
 * Backend spec and the CPU backend.
 *
 * @example
 * ```ts
 * import { manualSeed, randn } from '@torchlet/tensor';
 * manualSeed(0);
 * randn([2, 3]).matmul(randn([3, 4])).shape; // [2, 4]
 * ```
 *
 * @module @torchlet/tensor
 */
export type {
  AdamStepOptions,
  Backend,
  BinaryOp,
  FusedKernels,
  GeluApproximate,
  ReduceOp,
  UnaryOp,
  View,
} from './backend';
export { cpuBackend } from './cpu/cpu-backend';
export { createCpuBackend, type CpuBackendOptions } from './cpu/create-cpu-backend';
export type { CpuAccelerator } from './cpu/cpu-accelerator';
export { getNumThreads } from './cpu/get-num-threads';
export { setNumThreads } from './cpu/set-num-threads';
export { getDefaultBackend, setDefaultBackend } from './default-backend';
export { withDefaultBackend } from './with-default-backend';
export {
  isFloating,
  promoteTypes,
  type DType,
  type IntegerTypedArray,
  type TypedArray,
} from './dtype';
export {
  attachGradientEngine,
  getGradientEngine,
  type BackwardOptions,
  type GradientEngine,
} from './gradient-engine';
export type { Primitive, PrimitiveAttrs } from './primitives';
export {
  broadcastShapes,
  contiguousStrides,
  formatShape,
  normalizeDim,
  numel,
  sameShape,
  type Shape,
} from './shape';
export { Storage, trackStorages } from './storage';
export { Tensor, type NestedArray } from './tensor';

export { tensor, type TensorData } from './creation/tensor';
export type { TensorOptions } from './creation/tensor-options';
export {
  arange,
  eye,
  full,
  fullLike,
  linspace,
  ones,
  onesLike,
  zeros,
  zerosLike,
} from './creation/factories';
export {
  rand,
  randint,
  randLike,
  randn,
  randnLike,
  randperm,
  bernoulli,
  type RandomOptions,
} from './creation/random';
export { Generator } from './random/generator';
export { multinomial, type MultinomialOptions } from './ops/multinomial';
export { defaultGenerator, initialSeed, manualSeed, seed } from './random/default-generator';

export { add, div, eq, ge, gt, le, lt, maximum, minimum, mul, ne, pow, sub } from './ops/binary';
export {
  abs,
  cos,
  erf,
  exp,
  log,
  logicalNot,
  neg,
  relu,
  rsqrt,
  sigmoid,
  sign,
  sin,
  sqrt,
  tanh,
} from './ops/unary';
export { cast } from './ops/cast';
export { clamp } from './ops/clamp';
export { where } from './ops/where';
export {
  amax,
  amin,
  argmax,
  argmin,
  logsumexp,
  max,
  mean,
  min,
  norm,
  std,
  sum,
  variance as var,
  type Dims,
  type ValuesIndices,
  type VarianceOptions,
} from './ops/reduce';
export { matmul } from './ops/matmul';
export { gather, indexSelect, scatterAdd } from './ops/indexing';
export { cat, stack } from './ops/join';
export { tril } from './ops/tril';
export { triu } from './ops/triu';
export { maskedFill } from './ops/masked-fill';
export { topk, type TopkOptions } from './ops/topk';
export { split } from './ops/split';
export { chunk } from './ops/chunk';
export {
  clone,
  contiguous,
  expand,
  flatten,
  narrow,
  permute,
  reshape,
  select,
  slice,
  squeeze,
  t,
  transpose,
  unsqueeze,
  view,
} from './ops/views';
export { expectTensor, fromBuffer } from './ops/operand';
export { ownsStorage } from './ops/owns-storage';
export { checkOptions } from './check-options';
export { closestName, type ClosestNameOptions } from './closest-name';
export type { TensorLike } from './ops/operand';
