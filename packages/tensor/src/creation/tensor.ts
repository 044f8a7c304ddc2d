import { dtypeOfTypedArray, type DType, type IntegerTypedArray, type TypedArray } from '../dtype';
import { Tensor, type NestedArray } from '../tensor';
import { makeTensor } from './make-tensor';
import type { TensorOptions } from './tensor-options';
import { typedArrayValues } from './typed-array-values';

/** What `tensor()` accepts: a number, a boolean, nested arrays of them, or a typed array. */
export type TensorData = NestedArray | TypedArray | IntegerTypedArray | Tensor;

function isTypedArray(x: unknown): x is TypedArray | IntegerTypedArray {
  return ArrayBuffer.isView(x) && !(x instanceof DataView);
}

/**
 * Creates a tensor from data, like `torch.tensor`. Numbers default to float32 (a JavaScript
 * number cannot say whether it was written `1` or `1.0`); booleans give bool. Typed arrays keep
 * their values: Float64Array → float64, Float32Array → float32, and every integer array → int32.
 * That includes `Uint8Array`, `Uint8ClampedArray` and Node's `Buffer` (pixel data keeps 0..255):
 * PyTorch would make uint8, which torchlet lacks; int32 holds every byte and computes like uint8
 * except that it never wraps at 256. Pass `{ dtype: 'bool' }` for a mask (nonzero → true).
 * Uint32Array and BigInt64Array/BigUint64Array become int32 when every value fits.
 *
 * Values bound for int32 (from any input, or `{ dtype: 'int32' }`) truncate toward zero like
 * PyTorch; NaN, ±Infinity and anything outside [-2^31, 2^31 - 1] is a RangeError naming the value,
 * never a silent wrap-around.
 *
 * @example
 * ```ts
 * const x = tensor([[1, 2], [3, 4]]);            // float32, shape [2, 2]
 * const y = tensor([0, 2, 1], { dtype: 'int32' }); // class targets
 * const w = tensor(2.0, { requiresGrad: true });   // a 0-d leaf
 * const p = tensor(new Uint8Array([0, 128, 255])); // int32 [0, 128, 255]
 * tensor([3e9], { dtype: 'int32' });               // RangeError: … out of range for int32 …
 * ```
 */
export function tensor(data: TensorData, options: TensorOptions = {}): Tensor {
  if (data instanceof Tensor) {
    const dtype = options.dtype ?? data.dtype;
    return makeTensor('tensor', data.to(dtype).dataSync(), data.shape, dtype, options);
  }
  if (isTypedArray(data)) {
    const values = typedArrayValues('tensor', data);
    const dtype = options.dtype ?? dtypeOfTypedArray(data);
    return makeTensor('tensor', values, [data.length], dtype, options);
  }
  const shape: number[] = [];
  let probe: unknown = data;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = probe[0];
  }
  const values: number[] = [];
  let sawBoolean = false;
  let sawNumber = false;
  const walk = (node: unknown, depth: number, path: number[]): void => {
    if (depth === shape.length) {
      if (typeof node === 'number') sawNumber = true;
      else if (typeof node === 'boolean') sawBoolean = true;
      else {
        throw new TypeError(
          `tensor: expected a number or boolean at index [${path.join('][')}], got ${
            Array.isArray(node) ? `an array (the data is ragged)` : typeof node
          }`,
        );
      }
      values.push(Number(node));
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[depth]) {
      const got = Array.isArray(node) ? `length ${node.length}` : typeof node;
      throw new RangeError(
        `tensor: ragged nested array: expected a sequence of length ${shape[depth]} at index ` +
          `[${path.join('][')}], got ${got}; every row must have the same length`,
      );
    }
    for (let i = 0; i < node.length; i++) walk(node[i], depth + 1, [...path, i]);
  };
  walk(data, 0, []);
  const inferred: DType = sawBoolean && !sawNumber ? 'bool' : 'float32';
  return makeTensor('tensor', values, shape, options.dtype ?? inferred, options);
}
