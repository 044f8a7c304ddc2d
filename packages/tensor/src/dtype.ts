/** Element types a tensor can hold. `float64` is for reference computations and gradcheck. */
export type DType = 'float32' | 'float64' | 'int32' | 'bool';

/** The typed array that backs each dtype on the CPU. `bool` is stored as 0/1 bytes. */
export interface TypedArrayFor {
  float32: Float32Array;
  float64: Float64Array;
  int32: Int32Array;
  bool: Uint8Array;
}

/** Any typed array a tensor can be built from or read into. */
export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array;

const constructors = {
  float32: Float32Array,
  float64: Float64Array,
  int32: Int32Array,
  bool: Uint8Array,
} as const;

/** Allocates a zero-filled typed array for `dtype`. */
export function allocTyped<D extends DType>(dtype: D, size: number): TypedArrayFor[D] {
  return new constructors[dtype](size) as TypedArrayFor[D];
}

/** True for the floating-point dtypes (the only ones that can require gradients). */
export function isFloating(dtype: DType): dtype is 'float32' | 'float64' {
  return dtype === 'float32' || dtype === 'float64';
}

const rank: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };

/** PyTorch's type promotion between two tensor dtypes: bool < int32 < float32 < float64. */
export function promoteTypes(a: DType, b: DType): DType {
  return rank[a] >= rank[b] ? a : b;
}

/** The dtype of a JavaScript array or typed array's values when no dtype is given. */
export function dtypeOfTypedArray(data: TypedArray): DType {
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof Uint8Array) return 'bool';
  return 'float32';
}
