import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  cpuBackend,
  tensor,
  type Backend,
  type DType,
  type TypedArray,
  type View,
} from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { gpujs } from './gpujs';
import type { GpuBuffer } from './gpu-buffer';
import { describeConformance } from '../test-support/describe-conformance';

const modes = ['cpu', 'webasm'] as const;

for (const mode of modes) {
  describe(`backend conformance: gpujs in '${mode}' mode`, async () => {
    const backend = await gpujs({ mode });
    it('runs in the requested mode', () => {
      expect(backend.mode).toBe(mode);
      expect(backend.name).toBe(`gpujs:${mode}`);
    });
    describeConformance(backend);
  });
}

/** A view of `shape` over `storage` on `backend`, with explicit strides and offset. */
function view<B>(
  backend: Backend<B>,
  dtype: DType,
  storage: readonly number[],
  shape: number[],
  strides: number[],
  offset = 0,
): View<B> {
  return { buffer: backend.upload(storage, dtype), dtype, shape, strides, offset };
}

/** Runs `op` on the gpu.js backend and on the CPU reference with the same views, and compares. */
async function sameAsCpu(
  backend: Backend<GpuBuffer>,
  dtype: DType,
  op: <B>(be: Backend<B>) => B,
): Promise<void> {
  const got = await backend.read(op(backend), dtype);
  const want = await cpuBackend.read(op(cpuBackend as Backend<TypedArray>), dtype);
  expect(Array.from(got)).toEqual(Array.from(want));
}

const ints = (n: number, lo: number, hi: number, seed: number): number[] =>
  Array.from({ length: n }, (_, i) => lo + ((i * 7919 + seed * 104729) % (hi - lo + 1)));

for (const mode of modes) {
  describe(`gpujs '${mode}': what the excluded conformance cases check after their float32 limit`, async () => {
    const backend = await gpujs({ mode });

    it('full: int32 and bool values, size 0 and 1000', async () => {
      for (const [size, value, dtype] of [
        [5, -3, 'int32'],
        [2, 16777216, 'int32'],
        [4, 1, 'bool'],
        [4, 0, 'bool'],
        [2, 5, 'bool'],
        [0, 1, 'float32'],
        [1000, -7, 'float32'],
      ] as const) {
        await sameAsCpu(backend, dtype, (be) => be.full(size, value, dtype));
      }
    });

    it('upload/read: int32 is exact up to ±2^24', async () => {
      const values = [0, 1, -1, 7, -123456, 16777216, -16777216];
      await sameAsCpu(backend, 'int32', (be) => be.upload(values, 'int32'));
    });

    it('copy: bool views to every dtype, float64 rounding to float32', async () => {
      const bools = ints(32, 0, 1, 3);
      for (const dtype of ['float32', 'int32', 'bool'] as const) {
        await sameAsCpu(backend, dtype, (be) =>
          be.copy(view(be, 'bool', bools, [4, 3], [8, 2], 3), dtype),
        );
      }
      await sameAsCpu(backend, 'float32', (be) =>
        be.copy(view(be, 'float64', [0.1, 1 / 3, 1e30, -1e-30], [4], [1]), 'float32'),
      );
    });

    it('binary: exact int32 powers and int32 sums within ±2^24', async () => {
      await sameAsCpu(backend, 'int32', (be) =>
        be.binary(
          'pow',
          view(be, 'int32', [2, 3, -2, 10, 7], [5], [1]),
          view(be, 'int32', [10, 3, 3, 4, 0], [5], [1]),
          'int32',
        ),
      );
      await sameAsCpu(backend, 'int32', (be) =>
        be.binary(
          'add',
          view(be, 'int32', ints(24, -8000000, 8000000, 1), [4, 6], [1, 4]),
          view(be, 'int32', ints(12, -8000000, 8000000, 2), [4, 6], [0, 2], 1),
          'int32',
        ),
      );
    });

    it('reduce: bool counts, min of float32, max/min of int32 and bool', async () => {
      const bools = ints(60, 0, 1, 5);
      await sameAsCpu(backend, 'int32', (be) =>
        be.reduce('sum', view(be, 'bool', bools, [4, 7], [8, 1], 2), [1], 'int32'),
      );
      const floats = ints(120, -1000, 1000, 6).map((v) => v / 10);
      const large = ints(42, -16000000, 16000000, 7);
      for (const op of ['max', 'min'] as const) {
        for (const dims of [[0], [2], [0, 1], [0, 1, 2]]) {
          await sameAsCpu(backend, 'float32', (be) =>
            be.reduce(op, view(be, 'float32', floats, [4, 5, 6], [1, 4, 20]), dims, 'float32'),
          );
        }
        await sameAsCpu(backend, 'int32', (be) =>
          be.reduce(op, view(be, 'int32', large, [6, 7], [1, 6]), [1], 'int32'),
        );
        await sameAsCpu(backend, 'bool', (be) =>
          be.reduce(op, view(be, 'bool', bools, [5, 3], [8, 2], 3), [0], 'bool'),
        );
      }
    });

    it('where, gather and cat of int32 values within ±2^24 and of bools', async () => {
      const cond = ints(20, 0, 1, 8);
      const a = ints(60, -16000000, 16000000, 9);
      const b = ints(60, -9, 9, 10);
      await sameAsCpu(backend, 'int32', (be) =>
        be.where(
          view(be, 'bool', cond, [3, 4, 5], [5, 1, 0]),
          view(be, 'int32', a, [3, 4, 5], [1, 3, 12]),
          view(be, 'int32', b, [3, 4, 5], [20, 5, 1]),
          'int32',
        ),
      );
      await sameAsCpu(backend, 'bool', (be) =>
        be.where(
          view(be, 'bool', cond, [3, 4, 5], [5, 1, 0]),
          view(be, 'bool', ints(60, 0, 1, 11), [3, 4, 5], [1, 3, 12]),
          view(be, 'bool', ints(60, 0, 1, 12), [3, 4, 5], [20, 5, 1]),
          'bool',
        ),
      );
      const index = ints(24, 0, 3, 13);
      await sameAsCpu(backend, 'int32', (be) =>
        be.gather(
          view(be, 'int32', a, [4, 5, 3], [1, 4, 20]),
          0,
          view(be, 'int32', index, [2, 5, 2], [10, 2, 1]),
          'int32',
        ),
      );
      await sameAsCpu(backend, 'bool', (be) =>
        be.cat(
          [
            view(be, 'bool', ints(12, 0, 1, 14), [2, 3], [4, 2], 1),
            view(be, 'bool', ints(9, 0, 1, 15), [3, 3], [1, 3]),
          ],
          0,
          'bool',
        ),
      );
      await sameAsCpu(backend, 'int32', (be) =>
        be.cat(
          [view(be, 'int32', a, [2, 3], [1, 2]), view(be, 'int32', b, [2, 4], [5, 1], 2)],
          1,
          'int32',
        ),
      );
    });
  });

  describe(`gpujs '${mode}': kernels, cache and buffers`, async () => {
    const backend = await gpujs({ mode });

    it('joins more inputs than one kernel binds, freeing the partial results', async () => {
      const parts = Array.from({ length: 19 }, (_, p) => [p * 2, p * 2 + 1]);
      const live = backend.liveBuffers;
      const views = parts.map((values) => view(backend, 'float32', values, [1, 2], [2, 1]));
      const out = backend.cat(views, 0, 'float32');
      expect(Array.from(await backend.read(out, 'float32'))).toEqual(parts.flat());
      expect(backend.liveBuffers).toBe(live + parts.length + 1);
    });

    it('compiles a kernel once per op, dtype, shape and strides, whatever the offsets', () => {
      const x = view(backend, 'float32', ints(40, 0, 9, 16), [3, 4], [1, 3]);
      backend.unary('exp', x, 'float32');
      const compiled = backend.compiledKernels;
      for (let offset = 0; offset < 20; offset++) backend.unary('exp', { ...x, offset }, 'float32');
      expect(backend.compiledKernels).toBe(compiled);
      backend.unary('exp', { ...x, shape: [4, 3], strides: [1, 4] }, 'float32');
      expect(backend.compiledKernels).toBe(compiled + 1);
    });

    it('counts live buffers, frees once, and names the backend when a freed buffer is used', async () => {
      const live = backend.liveBuffers;
      const buffer = backend.upload([1, 2, 3], 'float32');
      expect(backend.liveBuffers).toBe(live + 1);
      backend.free(buffer);
      backend.free(buffer);
      expect(backend.liveBuffers).toBe(live);
      expect(buffer.live).toBe(false);
      expect(() => backend.readSync(buffer, 'float32')).toThrow(
        `gpujs:${mode}: the buffer was freed`,
      );
      await expect(backend.read(buffer, 'float32')).rejects.toThrow('the buffer was freed');
      expect(() =>
        backend.unary(
          'neg',
          { buffer, dtype: 'float32', shape: [3], strides: [1], offset: 0 },
          'float32',
        ),
      ).toThrow('the buffer was freed');
    });
  });
}

describe('gpujs: tensors free their device buffers', () => {
  it('at once with dispose() and using, and through the finalizer once collected', async () => {
    const backend = await gpujs({ mode: 'webasm' });
    const base = backend.liveBuffers;
    const t = tensor([1, 2, 3], { backend });
    const u = t.mul(2);
    expect(backend.liveBuffers).toBe(base + 3); // t, the scalar 2, u
    u.dispose();
    expect(backend.liveBuffers).toBe(base + 2);
    {
      using v = t.exp();
      expect(v.device).toBe('gpujs:webasm');
      expect(backend.liveBuffers).toBe(base + 3);
    }
    expect(backend.liveBuffers).toBe(base + 2);

    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    (() => {
      for (let i = 0; i < 100; i++) t.add(i).sin();
    })();
    expect(backend.liveBuffers).toBe(base + 302);
    // Collect in a later task than the one that made the garbage, as a real program would; the
    // finalizers then run in the task after the collection.
    // The engine may defer the cleanup task, so collect (a few rounds at most) until it ran.
    for (let round = 0; round < 10 && backend.liveBuffers > base + 2; round++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      gc();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(backend.liveBuffers).toBeLessThanOrEqual(base + 2);
  });
});
