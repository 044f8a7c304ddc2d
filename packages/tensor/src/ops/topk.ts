import { checkOptions } from '../check-options';
import { contiguousStrides, formatShape, normalizeDim } from '../shape';
import type { Tensor } from '../tensor';
import { gather } from './indexing';
import { expectTensor, fromBuffer } from './operand';
import { orderTopK } from './order-top-k';
import type { ValuesIndices } from './reduce';
import { indexArg } from './scalar-arg';

/** Options of {@link topk}. */
export interface TopkOptions {
  /** The dim to pick along. Default -1, the last. */
  dim?: number;
  /** The largest values (true, the default) or the smallest. */
  largest?: boolean;
  /** Return them in order (best first). Default true. */
  sorted?: boolean;
}

/**
 * The `k` largest (or smallest) elements along `dim`, like `torch.topk`: `{ values, indices }`,
 * with `indices` int32 and `values = x.gather(dim, indices)`, so the gradient flows back to the
 * picked positions only. NaN counts as larger than every number, and ties come out in the order
 * PyTorch's CPU kernel gives them (see `orderTopK` in `src/ops/order-top-k.ts`). With
 * `sorted: false` the order is PyTorch's too (unspecified there, but the same).
 *
 * The indices are picked on the host: the values are read with the backend's synchronous read
 * (the CPU backend and gpu.js have one), in O(n log k) per row for small `k` (a heap) and
 * O(n + k log k) otherwise (a selection, then a sort). A backend without a synchronous read is
 * refused with an error that says how to move the tensor.
 *
 * @example
 * ```ts
 * const { values, indices } = topk(tensor([[1, 5, 3], [4, 2, 6]]), 2);
 * values; // tensor([[5., 3.], [6., 4.]])
 * indices; // tensor([[1, 2], [2, 0]], dtype=int32)
 * ```
 */
export function topk(x: Tensor, k: number | Tensor, options: TopkOptions = {}): ValuesIndices {
  expectTensor('topk', x);
  checkOptions('topk', options, ['dim', 'largest', 'sorted']);
  const { dim = -1, largest = true, sorted = true } = options;
  for (const [name, flag] of [
    ['largest', largest],
    ['sorted', sorted],
  ] as const) {
    if (typeof flag !== 'boolean') {
      throw new TypeError(`topk: expected ${name} to be a boolean, got ${typeof flag}`);
    }
  }
  const kk = indexArg('topk', 'k', k);
  const d = normalizeDim('topk', dim, x.ndim);
  if (x.dtype === 'bool') {
    throw new TypeError(`topk: not implemented for bool tensors; convert first with .int()`);
  }
  const size = x.ndim === 0 ? 1 : x.shape[d];
  if (kk < 0 || kk > size) {
    throw new RangeError(
      `topk: selected index k out of range: k = ${kk}, but dim ${dim} of the input ` +
        `${formatShape(x.shape)} has size ${size}; pick k between 0 and ${size}`,
    );
  }
  if (x.ndim === 0) {
    // A 0-d tensor is its own top-1 (and top-0, as in PyTorch).
    const index = fromBuffer(x, x.backend.full(1, 0, 'int32'), [1], 'int32');
    return { values: gather(x.reshape([1]), 0, index).reshape([]), indices: index.reshape([]) };
  }
  if (x.backend.readSync === undefined) {
    throw new Error(
      `topk: the ${x.device} backend cannot read values synchronously, which topk needs to pick ` +
        `the indices on the host; move the tensor to the CPU first with x.to(cpuBackend) (a new ` +
        `leaf: gradients stop there)`,
    );
  }
  const outShape = x.shape.map((s, i) => (i === d ? kk : s));
  const indices = new Int32Array(outShape.reduce((a, b) => a * b, 1));
  if (indices.length > 0) pickRows(x, d, kk, largest, sorted, indices);
  const index = fromBuffer(x, x.backend.upload(indices, 'int32'), outShape, 'int32');
  return { values: gather(x, d, index), indices: index };
}

/**
 * Fills `indices` (contiguous, `x.shape` with `k` at `d`) with each row's top-k positions. A
 * buffer in host memory (the CPU backend's typed arrays) is read in place through the view's
 * strides; any other through the backend's synchronous read.
 */
function pickRows(
  x: Tensor,
  d: number,
  k: number,
  largest: boolean,
  sorted: boolean,
  indices: Int32Array,
): void {
  let data: ArrayLike<number>;
  let offset: number;
  let strides: readonly number[];
  if (ArrayBuffer.isView(x.buffer)) {
    data = x.buffer as unknown as ArrayLike<number>;
    ({ offset, strides } = x);
  } else {
    data = x.dataSync();
    offset = 0;
    strides = contiguousStrides(x.shape);
  }
  const n = x.shape[d];
  const step = strides[d];
  const inner = x.shape.slice(d + 1).reduce((a, b) => a * b, 1);
  const rows = indices.length / k;
  const others = x.shape.map((_, i) => i).filter((i) => i !== d);
  const at = new Array<number>(x.ndim).fill(0); // the odometer over the other dims
  const values = new Float64Array(n);
  const order = new Int32Array(n);
  const iota = Int32Array.from({ length: n }, (_, j) => j);
  let base = offset;
  for (let r = 0; r < rows; r++) {
    if (step === 1 && ArrayBuffer.isView(data)) {
      values.set((data as Float32Array).subarray(base, base + n));
    } else for (let j = 0, p = base; j < n; j++, p += step) values[j] = data[p];
    order.set(iota);
    orderTopK(values, order, n, k, largest, sorted);
    const outBase = Math.floor(r / inner) * k * inner + (r % inner);
    for (let j = 0; j < k; j++) indices[outBase + j * inner] = order[j];
    // Next row: advance the last of the other dims, carrying into earlier ones.
    for (let q = others.length - 1; q >= 0; q--) {
      const dim = others[q];
      base += strides[dim];
      if (++at[dim] < x.shape[dim]) break;
      base -= strides[dim] * x.shape[dim];
      at[dim] = 0;
    }
  }
}
