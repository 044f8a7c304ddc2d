import type { DType } from '@torchlet/tensor';

/**
 * The dtypes the safetensors header names; the first four are the ones torchlet writes.
 *
 * @example
 * ```ts
 * const header = { w: { dtype: 'F32' satisfies SafetensorsDType, shape: [2], data_offsets: [0, 8] } };
 * ```
 */
export type SafetensorsDType = 'F32' | 'F64' | 'I32' | 'BOOL' | 'F16' | 'BF16' | 'I64';

/** How a safetensors dtype is stored and which torchlet dtype it becomes when read. */
interface DTypeInfo {
  bytes: number;
  dtype: DType;
}

const info: Record<SafetensorsDType, DTypeInfo> = {
  F64: { bytes: 8, dtype: 'float64' },
  I64: { bytes: 8, dtype: 'int32' },
  F32: { bytes: 4, dtype: 'float32' },
  I32: { bytes: 4, dtype: 'int32' },
  F16: { bytes: 2, dtype: 'float32' },
  BF16: { bytes: 2, dtype: 'float32' },
  BOOL: { bytes: 1, dtype: 'bool' },
};

const fromTorchlet: Record<DType, SafetensorsDType> = {
  float32: 'F32',
  float64: 'F64',
  int32: 'I32',
  bool: 'BOOL',
};

/**
 * Maps between torchlet dtypes and safetensors dtype names. Reading also accepts F16 and BF16
 * (widened to float32) and I64 (narrowed to int32, with a range check), which files written by
 * PyTorch often hold.
 *
 * @example
 * ```ts
 * safetensorsDType.of('float32'); // 'F32'
 * safetensorsDType.info('BF16');  // { bytes: 2, dtype: 'float32' }
 * ```
 */
export const safetensorsDType = {
  /** The safetensors name torchlet writes for a dtype. */
  of(dtype: DType): SafetensorsDType {
    return fromTorchlet[dtype];
  },
  /** Storage size and torchlet dtype of a safetensors dtype, or undefined if unsupported. */
  info(name: string): DTypeInfo | undefined {
    return Object.prototype.hasOwnProperty.call(info, name)
      ? info[name as SafetensorsDType]
      : undefined;
  },
};
