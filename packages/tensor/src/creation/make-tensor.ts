import type { Backend } from '../backend';
import { getDefaultBackend } from '../default-backend';
import type { DType, TypedArray } from '../dtype';
import { checkShape, contiguousStrides, formatShape, numel } from '../shape';
import { Storage } from '../storage';
import { Tensor } from '../tensor';
import { checkInt32, fitsInt32, int32RangeError } from '../check-int32';
import type { TensorOptions } from './tensor-options';

const INT32_FIX = "use dtype 'float64'";

/**
 * Uploads host values as a new contiguous tensor and applies the options. Values bound for int32
 * must be in its range (fractions truncate toward zero, as in PyTorch); others are a RangeError.
 */
export function makeTensor(
  op: string,
  values: TypedArray | readonly number[],
  shape: readonly number[],
  dtype: DType,
  options: TensorOptions = {},
): Tensor {
  checkShape(op, shape);
  if (values.length !== numel(shape)) {
    throw new RangeError(`${op}: ${values.length} values do not fill shape ${formatShape(shape)}`);
  }
  // Int32Array and byte values always fit; anything else could wrap in the upload.
  if (dtype === 'int32' && !(values instanceof Int32Array || values instanceof Uint8Array)) {
    checkInt32(op, values, INT32_FIX);
  }
  const backend: Backend = options.backend ?? getDefaultBackend();
  const buffer = backend.upload(values, dtype);
  const t = new Tensor(
    new Storage(backend, buffer, values.length),
    [...shape],
    contiguousStrides(shape),
    0,
    dtype,
  );
  if (options.requiresGrad) t.requiresGrad = true;
  return t;
}

/**
 * A tensor of `shape` with every element `value`, built on the backend without a host array.
 * An int32 fill value must be in int32's range, as in {@link makeTensor}.
 */
export function makeFull(
  op: string,
  shape: readonly number[],
  value: number,
  dtype: DType,
  options: TensorOptions = {},
): Tensor {
  checkShape(op, shape);
  if (dtype === 'int32' && !fitsInt32(value)) throw int32RangeError(op, value, INT32_FIX);
  const backend: Backend = options.backend ?? getDefaultBackend();
  const n = numel(shape);
  const t = new Tensor(
    new Storage(backend, backend.full(n, value, dtype), n),
    [...shape],
    contiguousStrides(shape),
    0,
    dtype,
  );
  if (options.requiresGrad) t.requiresGrad = true;
  return t;
}
