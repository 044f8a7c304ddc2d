import type { Backend } from '../backend';
import { getDefaultBackend } from '../default-backend';
import type { DType, TypedArray } from '../dtype';
import { checkShape, contiguousStrides, formatShape, numel } from '../shape';
import { Storage } from '../storage';
import { Tensor } from '../tensor';
import type { TensorOptions } from './tensor-options';

/** Uploads host values as a new contiguous tensor and applies the options. */
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

/** A tensor of `shape` with every element `value`, built on the backend without a host array. */
export function makeFull(
  op: string,
  shape: readonly number[],
  value: number,
  dtype: DType,
  options: TensorOptions = {},
): Tensor {
  checkShape(op, shape);
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
