import type { GemmThreads } from './gemm-threads';
import { loadWasmGemm } from './load-wasm-gemm';
import { RESERVED_BYTES } from './reserved-bytes';

const align16 = (bytes: number) => (bytes + 15) & ~15;

/**
 * The float32 Adam step on WebAssembly SIMD (f32x4 `sqrt` and `div` run ~4× the scalar double
 * ones JavaScript has): copies the four arrays into wasm memory, updates them there, and copies
 * the parameter and moments back. Returns false where the wasm module is unavailable; the caller
 * then runs the TypeScript loop, which gives the same float32 results. `threads` is the gemm's
 * thread split, if any: the step then runs in its memory, after the scratch its pool uses.
 *
 * @example
 * ```ts
 * wasmAdamStep(p, g, m, v, [decay, l2, b1, 1 - b1, b2, 1 - b2, bc2Sqrt, stepSize, eps]);
 * ```
 */
export function wasmAdamStep(
  P: Float32Array,
  G: Float32Array,
  M: Float32Array,
  V: Float32Array,
  scalars: readonly number[],
  threads?: GemmThreads,
): boolean {
  const wasm = loadWasmGemm(threads?.shared() ?? false);
  if (wasm === undefined) return false;
  const n = P.length;
  const bytes = align16(4 * n);
  // After the gemm's reserved block and scratch: no matmul runs while this does.
  const pAt = align16(RESERVED_BYTES + (threads?.slots() ?? 1) * wasm.scratchBytes);
  const gAt = pAt + bytes;
  const mAt = gAt + bytes;
  const vAt = mAt + bytes;
  const heap = wasm.heap(vAt + bytes);
  if (heap === undefined) return false;
  heap.set(P, pAt >> 2);
  heap.set(G, gAt >> 2);
  heap.set(M, mAt >> 2);
  heap.set(V, vAt >> 2);
  const [decay, l2, b1, oneMinusB1, b2, oneMinusB2, bc2Sqrt, stepSize, eps] = scalars;
  // prettier-ignore
  wasm.exports.adamStep(
    n, pAt, gAt, mAt, vAt,
    decay, l2, b1, oneMinusB1, b2, oneMinusB2, bc2Sqrt, stepSize, eps,
  );
  P.set(heap.subarray(pAt >> 2, (pAt >> 2) + n));
  M.set(heap.subarray(mAt >> 2, (mAt >> 2) + n));
  V.set(heap.subarray(vAt >> 2, (vAt >> 2) + n));
  return true;
}
