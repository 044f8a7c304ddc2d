import type { Backend } from '../backend';
import type { DType } from '../dtype';

/** Options shared by the creation functions. */
export interface TensorOptions {
  /** Element type. Default `float32` (`int32` for `randint`, `arange` of integers, …). */
  dtype?: DType;
  /** Track gradients for this tensor (float dtypes only). */
  requiresGrad?: boolean;
  /** Backend to place the tensor on. Default: `getDefaultBackend()`. */
  backend?: Backend;
}
