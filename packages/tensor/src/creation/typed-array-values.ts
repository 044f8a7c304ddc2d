import type { IntegerTypedArray, TypedArray } from '../dtype';

/**
 * The values of a typed array given to `tensor()`, as a typed array a backend uploads. The four
 * storage types pass through (a `Buffer` is a `Uint8Array`); small integer arrays widen exactly
 * to Int32Array; Uint32Array and the BigInt arrays become Float64Array, so that a value int32
 * cannot hold reaches the creation range check instead of wrapping (BigInts past 2^53 round,
 * which only float dtypes keep). Any other view (Float16Array, DataView) is a TypeError.
 *
 * @example
 * ```ts
 * typedArrayValues('tensor', new Int16Array([-3, 4])); // Int32Array [-3, 4]
 * typedArrayValues('tensor', new Uint32Array([4294967295])); // Float64Array [4294967295]
 * ```
 */
export function typedArrayValues(op: string, data: TypedArray | IntegerTypedArray): TypedArray {
  if (
    data instanceof Float32Array ||
    data instanceof Float64Array ||
    data instanceof Int32Array ||
    data instanceof Uint8Array
  ) {
    return data;
  }
  if (
    data instanceof Int8Array ||
    data instanceof Int16Array ||
    data instanceof Uint16Array ||
    data instanceof Uint8ClampedArray
  ) {
    return Int32Array.from(data);
  }
  if (data instanceof Uint32Array) return Float64Array.from(data);
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
    return Float64Array.from(data, Number);
  }
  const name = (data as object).constructor?.name ?? typeof data;
  throw new TypeError(
    `${op}: unsupported typed array ${name}; pass a Float32Array, Float64Array, an integer ` +
      'typed array or nested arrays of numbers',
  );
}
