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

/**
 * Typed arrays of integers that `tensor()` also accepts. torchlet has no uint8/int16/int64
 * dtypes, so they become int32 with their values kept (a value int32 cannot hold is an error).
 */
export type IntegerTypedArray =
  | Int8Array
  | Int16Array
  | Uint16Array
  | Uint8ClampedArray
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

/**
 * The dtype a typed array's values get when no dtype is given: Float64Array → float64,
 * Float32Array → float32, every integer array → int32. `Uint8Array` (and Node's `Buffer`) is
 * int32 too, with its 0..255 values kept, where PyTorch would make uint8: torchlet has no uint8,
 * and int32 holds every byte. Bool tensors are stored as bytes, so code that builds one from a
 * `Uint8Array` passes `'bool'` explicitly.
 */
export function dtypeOfTypedArray(data: TypedArray | IntegerTypedArray): DType {
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Float32Array) return 'float32';
  return 'int32';
}
