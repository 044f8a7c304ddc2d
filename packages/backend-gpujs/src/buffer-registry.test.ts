import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { BufferRegistry } from './buffer-registry';
import type { GpuBuffer } from './gpu-buffer';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (options?: { type: 'minor' | 'major' }) => void;
const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A registry whose growth reports are collected in `reports`. */
function registry() {
  const reports: [number, number][] = [];
  const buffers = new BufferRegistry(null, (from, to) => reports.push([from, to]));
  const keep: GpuBuffer[] = [];
  const wrap = (n: number) => {
    for (let i = 0; i < n; i++) keep.push(buffers.wrap(new Float32Array(1), 1));
  };
  return { buffers, reports, keep, wrap };
}

describe('BufferRegistry', () => {
  // First: V8 pretenures an allocation site whose objects keep surviving, as the next tests'
  // wrappers do, and a wrapper allocated in the old generation is not freed by a minor collection.
  it('frees the data of a dropped buffer in a minor collection: only an empty sentinel waits for the finalizer', async () => {
    const { buffers } = registry();
    const size = 2 ** 18;
    const before = process.memoryUsage().arrayBuffers;
    (() => {
      for (let i = 0; i < 8; i++) buffers.wrap(new Float32Array(size), size);
    })();
    expect(process.memoryUsage().arrayBuffers - before).toBeGreaterThanOrEqual(8 * 4 * size);
    // V8's minor collections keep every FinalizationRegistry target alive, with all it
    // references: had the wrapper (which holds the data) been registered, all 8 MB would stay.
    gc({ type: 'minor' });
    // A background sweep returns the freed backing stores: a task later on a quiet machine, some
    // milliseconds later on a loaded one (CI once saw all 8 MB still there after one task).
    const kept = () => process.memoryUsage().arrayBuffers - before;
    await macrotask();
    for (let waited = 0; kept() >= 4 * size && waited < 1000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(kept()).toBeLessThan(4 * size);
    expect(buffers.live).toBe(8); // no full collection ran: the count waits for one
  });

  it('reports once when the live count doubles past 10,000 without a task running in between', () => {
    const { buffers, reports, wrap } = registry();
    wrap(19_999);
    expect(reports).toEqual([]);
    wrap(1);
    expect(reports).toEqual([[10_000, 20_000]]);
    wrap(100_000);
    expect(buffers.live).toBe(120_000);
    expect(reports).toHaveLength(1);
  });

  it('does not report a count that grows while the program yields, nor one that stays flat', async () => {
    const { buffers, reports, keep, wrap } = registry();
    // Growth with a macrotask between doublings: a program that keeps its tensors, not a loop
    // that starves the finalizers.
    for (let round = 0; round < 8; round++) {
      wrap(9_000);
      await macrotask();
    }
    expect(buffers.live).toBe(72_000);
    // A flat count, however many buffers come and go without a task.
    for (const b of keep.splice(0)) buffers.release(b);
    for (let i = 0; i < 200_000; i++) buffers.release(buffers.wrap(new Float32Array(1), 1));
    expect(buffers.live).toBe(0);
    expect(reports).toEqual([]);
  });
});
