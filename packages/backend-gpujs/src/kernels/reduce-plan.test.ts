import type { View } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { GpuBuffer } from '../gpu-buffer';
import { reducePlan } from './reduce-plan';

const x: View<GpuBuffer> = {
  buffer: new GpuBuffer({ data: new Float32Array(200) }, 200),
  dtype: 'float32',
  shape: [4, 5, 6],
  strides: [1, 4, 20],
  offset: 3,
};

describe('reducePlan', () => {
  it('loops over the reduced dims with literal bounds, one thread per kept element', () => {
    const plan = reducePlan('sum', x, [0, 2], 'float32');
    const source = plan.source();
    expect(plan.size).toBe(5);
    expect(source).toContain('for (let j0 = 0; j0 < 4; j0++) {');
    expect(source).toContain('for (let j1 = 0; j1 < 6; j1++) {');
    expect(source).toContain('const v = x0[b + j0 + j1 * 20];');
  });

  it('finds NaN for argmax by two tests, so one folded away by a compiler is not enough to lose it', () => {
    const source = reducePlan('argmax', x, [1], 'int32').source();
    expect(source).toContain('!(v <= acc) || v !== v');
  });

  it('starts max/min from the first reduced element, not from an Infinity literal', () => {
    expect(reducePlan('max', x, [1], 'float32').source()).toContain('let acc = x0[b];');
    expect(reducePlan('min', { ...x, shape: [4, 0, 6] }, [1], 'float32').source()).toContain(
      'let acc = Infinity;',
    );
  });
});
