import type { DType, TypedArray } from '@torchlet/tensor';

/**
 * Converts host values to the float32 storage of `dtype`: int32 truncates toward zero and wraps
 * like `Int32Array`, bool is `!= 0` (NaN is true), float64 rounds to float32.
 *
 * @example
 * ```ts
 * toFloat32([1.7, -1.7], 'int32'); // Float32Array [1, -1]
 * ```
 */
export function toFloat32(data: TypedArray | readonly number[], dtype: DType): Float32Array {
  switch (dtype) {
    case 'float32':
    case 'float64':
      return Float32Array.from(data as ArrayLike<number>);
    case 'int32':
      return Float32Array.from(Int32Array.from(data as ArrayLike<number>));
    case 'bool': {
      const out = new Float32Array(data.length);
      for (let i = 0; i < data.length; i++) out[i] = data[i] !== 0 ? 1 : 0;
      return out;
    }
  }
}
