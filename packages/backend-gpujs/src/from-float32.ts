import type { DType, TypedArray } from '@torchlet/tensor';

/**
 * A new host array of `dtype` from float32 device values (the typed array the CPU backend uses
 * for that dtype). Always a copy, so callers may mutate it.
 *
 * @example
 * ```ts
 * fromFloat32(Float32Array.from([1, 0]), 'bool'); // Uint8Array [1, 0]
 * ```
 */
export function fromFloat32(values: Float32Array, dtype: DType): TypedArray {
  switch (dtype) {
    case 'float32':
      return values.slice();
    case 'float64':
      return Float64Array.from(values);
    case 'int32':
      return Int32Array.from(values);
    case 'bool':
      return Uint8Array.from(values);
  }
}
