import type { View } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { GpuBuffer } from '../gpu-buffer';
import { matmulPlan } from './matmul-plan';

const buffer = new GpuBuffer({ data: new Float32Array(4000) }, 4000);
const view = (shape: number[], strides: number[], offset = 0): View<GpuBuffer> => ({
  buffer,
  dtype: 'float32',
  shape,
  strides,
  offset,
});

describe('matmulPlan', () => {
  it('runs k in tiles of 8 under a constant bound, then the remainder unrolled', () => {
    const plan = matmulPlan(
      view([2, 17, 33], [561, 33, 1]),
      view([2, 33, 65], [2145, 1, 33]),
      'float32',
    );
    const source = plan.source();
    expect(plan.size).toBe(2 * 17 * 65);
    expect(source).toContain('for (let q = 0; q < 4; q++) {');
    expect(source.match(/x0\[ia[^\]]*\] \* x1\[ib[^\]]*\]/g)).toHaveLength(8);
    expect(source.match(/x0\[ra[^\]]*\] \* x1\[rb[^\]]*\]/g)).toHaveLength(1);
    // Batch-major, row-major output: the thread's batch, row and column from its flat index.
    expect(source).toContain('const c0 = Math.floor((i + 0.5) / 1105);');
  });

  it('leaves offsets out of the key, and drops a broadcast batch stride from the source', () => {
    const a = matmulPlan(view([3, 4, 6], [0, 6, 1], 5), view([3, 6, 5], [30, 5, 1]), 'float32');
    const b = matmulPlan(view([3, 4, 6], [0, 6, 1], 9), view([3, 6, 5], [30, 5, 1], 2), 'float32');
    expect(a.key).toBe(b.key);
    expect(a.scalars).toEqual([5, 0]);
    expect(a.source()).toContain('const ar = p0 + c1 * 6;');
  });
});
