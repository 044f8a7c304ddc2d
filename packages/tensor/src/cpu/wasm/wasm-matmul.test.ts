import { afterEach, describe, expect, it } from 'vitest';
import type { View } from '../../backend';
import type { TypedArray } from '../../dtype';
import { matmulKernel } from '../cpu-backend';
import { getNumThreads } from '../get-num-threads';
import { setNumThreads } from '../set-num-threads';
import { gemmPool } from './gemm-pool';
import { loadWasmGemm } from './load-wasm-gemm';
import { nodeGemmThreads } from './node-gemm-threads';
import { wasmMatmul } from './wasm-matmul';
import { wasmMatmulSettings } from './wasm-matmul-settings';

const defaults = { ...wasmMatmulSettings };
afterEach(() => Object.assign(wasmMatmulSettings, defaults));

// A small LCG keeps the inputs reproducible.
function uniforms(count: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 32 - 0.5;
  }
  return out;
}

type Layout = 'row' | 'transposed' | 'offset' | 'gapped';

/**
 * A [...batch, rows, cols] float32 view: row-major, transposed (`.mT` of a contiguous tensor),
 * at an offset, or gapped (a narrow slice of a wide buffer, which wasmMatmul gathers).
 */
function operand(
  batch: number[],
  rows: number,
  cols: number,
  layout: Layout,
  seed: number,
): View<TypedArray> {
  const count = batch.reduce((x, y) => x * y, 1);
  const size = rows * cols;
  const shape = [...batch, rows, cols];
  const batchStrides = (step: number) => {
    const strides: number[] = [];
    let s = step;
    for (let d = batch.length - 1; d >= 0; d--) {
      strides[d] = batch[d] === 1 ? 0 : s; // size-1 batch dims broadcast, as expand() leaves them
      s *= batch[d];
    }
    return strides;
  };
  const view = (buffer: Float32Array, strides: number[], offset: number): View<TypedArray> => ({
    buffer,
    dtype: 'float32',
    shape,
    strides,
    offset,
  });
  if (layout === 'row') {
    return view(uniforms(count * size, seed), [...batchStrides(size), cols, 1], 0);
  }
  if (layout === 'transposed') {
    return view(uniforms(count * size, seed), [...batchStrides(size), 1, rows], 0);
  }
  if (layout === 'offset') {
    return view(uniforms(7 + count * size, seed), [...batchStrides(size), cols, 1], 7);
  }
  // Every row 5 times wider than it reads: more than twice the view's elements to copy.
  const pitch = 5 * cols + 3;
  return view(
    uniforms(3 + count * rows * pitch, seed),
    [...batchStrides(rows * pitch), pitch, 1],
    3,
  );
}

/**
 * wasmMatmul (with Node's thread split, or on the calling thread alone as in browsers) against
 * the TypeScript gemm, within float32 rounding of k-term sums.
 */
function expectMatchesReference(
  a: View<TypedArray>,
  b: View<TypedArray>,
  threads: typeof nodeGemmThreads | undefined = nodeGemmThreads,
): void {
  const got = wasmMatmul(a, b, threads);
  const want = matmulKernel(a, b, 'float32');
  expect(got).toBeInstanceOf(Float32Array);
  expect(got!.length).toBe(want.length);
  const k = a.shape[a.shape.length - 1];
  // Each product term is ≤ 0.25 in magnitude; float32 sums of k of them err by ≲ k·2⁻²⁴·0.25·k.
  const tolerance = 1e-6 + k * k * 2 ** -24;
  for (let i = 0; i < want.length; i++) {
    if (!(Math.abs(got![i] - want[i]) <= tolerance)) {
      throw new Error(`element ${i}: ${got![i]}, expected ${want[i]} (±${tolerance})`);
    }
  }
}

const SHAPES: [string, number[], number[], number, number, number][] = [
  // name, batch of A, batch of B, m, k, n
  ['1×1×1', [], [], 1, 1, 1],
  ['7×13×5', [], [], 7, 13, 5],
  ['k = 1', [], [], 9, 1, 33],
  ['m, n off the 2×16 tile', [], [], 37, 29, 53],
  ['n = 1 (matrix·vector)', [], [], 21, 40, 1],
  ['m = 1 (vector·matrix)', [], [], 1, 40, 70],
  ['k past one 256 block', [], [], 19, 600, 35],
  ['batched', [3], [3], 6, 10, 18],
  ['batched, A broadcast', [1, 4], [2, 4], 5, 8, 17],
  ['batched, B broadcast', [2, 3], [2, 1], 11, 6, 9],
];

describe('wasmMatmul', () => {
  it('loads where WebAssembly SIMD exists (Node 20), on shared memory and on ordinary memory', () => {
    expect(loadWasmGemm(true)?.shared).toBe(true);
    expect(loadWasmGemm(false)?.shared).toBe(false);
  });

  for (const threaded of [false, true]) {
    describe(threaded ? 'split over threads' : 'on the calling thread', () => {
      for (const [name, batchA, batchB, m, k, n] of SHAPES) {
        it(`${name}: A·B, Aᵀ·B, A·Bᵀ, offset and gapped views match the TypeScript gemm`, () => {
          wasmMatmulSettings.minParallelFlops = threaded ? 0 : Infinity;
          const batch = batchA.map((x, d) => Math.max(x, batchB[d]));
          const layouts: [Layout, Layout][] = [
            ['row', 'row'],
            ['transposed', 'row'],
            ['row', 'transposed'],
            ['transposed', 'transposed'],
            ['offset', 'gapped'],
            ['gapped', 'offset'],
          ];
          let seed = 1;
          for (const [la, lb] of layouts) {
            const a = operand(batchA, m, k, la, seed++);
            const b = operand(batchB, k, n, lb, seed++);
            // Backends receive broadcast batch dims already expanded.
            expectMatchesReference(
              { ...a, shape: [...batch, m, k] },
              { ...b, shape: [...batch, k, n] },
            );
            // The browser build's kernel: no thread split, ordinary memory.
            if (!threaded) {
              expectMatchesReference(
                { ...a, shape: [...batch, m, k] },
                { ...b, shape: [...batch, k, n] },
                undefined,
              );
            }
          }
        });
      }
    });
  }

  it('returns zeros for k = 0 and an empty array for m = 0', () => {
    const empty = new Float32Array(0);
    const a = {
      buffer: empty,
      dtype: 'float32',
      shape: [3, 0],
      strides: [0, 1],
      offset: 0,
    } as const;
    const b = {
      buffer: empty,
      dtype: 'float32',
      shape: [0, 4],
      strides: [4, 1],
      offset: 0,
    } as const;
    expect(Array.from(wasmMatmul(a, b)!)).toEqual(new Array(12).fill(0));
    const m0 = { ...a, shape: [0, 5], strides: [5, 1] };
    const b5 = {
      buffer: uniforms(20, 1),
      dtype: 'float32',
      shape: [5, 4],
      strides: [4, 1],
      offset: 0,
    };
    expect(wasmMatmul(m0, b5 as View<TypedArray>)!.length).toBe(0);
  });

  it('leaves other dtypes to the TypeScript gemm', () => {
    const x = {
      buffer: new Float64Array(4),
      dtype: 'float64',
      shape: [2, 2],
      strides: [2, 1],
      offset: 0,
    };
    expect(wasmMatmul(x as View<TypedArray>, x as View<TypedArray>)).toBeUndefined();
  });

  it('every thread runs tasks once the workers are ready, and the results still match', () => {
    const wasm = loadWasmGemm(true)!;
    const pool = gemmPool(wasm, 2);
    expect(pool).toBeDefined();
    expect(pool!.waitUntilReady(10_000)).toBe(true);
    expect(pool!.readyWorkers()).toBe(1);
    wasmMatmulSettings.minParallelFlops = 0;
    const saved = getNumThreads();
    setNumThreads(pool!.size);
    try {
      const before = pool!.tasksByThread();
      expect(before).toHaveLength(2);
      const a = operand([], 300, 70, 'row', 11);
      const b = operand([], 70, 90, 'transposed', 12);
      for (let i = 0; i < 20; i++) expectMatchesReference(a, b);
      const after = pool!.tasksByThread();
      // Each product is cut into 2 slabs of columns per thread; over 20 of them, both threads
      // claim some, and every slab runs once.
      after.forEach((tasks, t) => expect(tasks, `thread ${t}`).toBeGreaterThan(before[t]));
      expect(after[0] + after[1] - before[0] - before[1]).toBe(20 * 4);
    } finally {
      setNumThreads(saved);
    }
  });

  it('setNumThreads(1) keeps large products on the calling thread', () => {
    const saved = getNumThreads();
    setNumThreads(1);
    try {
      expect(getNumThreads()).toBe(1);
      wasmMatmulSettings.minParallelFlops = 0;
      expectMatchesReference(operand([], 40, 30, 'row', 5), operand([], 30, 50, 'row', 6));
    } finally {
      setNumThreads(saved);
    }
  });
});
