import type { View } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { GpuBuffer } from '../gpu-buffer';
import { attentionBackwardPlans } from './attention-backward-plans';
import { attentionPlans } from './attention-plans';

const buffer = new GpuBuffer({ data: new Float32Array(400) }, 400);
const other = new GpuBuffer({ data: new Float32Array(400) }, 400);
const view = (shape: number[], offset = 0): View<GpuBuffer> => {
  const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  return { buffer, dtype: 'float32', shape, strides, offset };
};
/** A bool [2, 3, 4, 5] mask stored as [2, 5, 4] from offset 2: read transposed, 0 over heads. */
const boolMask: View<GpuBuffer> = {
  buffer,
  dtype: 'bool',
  shape: [2, 3, 4, 5],
  strides: [20, 0, 1, 4],
  offset: 2,
};
const q = view([6, 4, 3], 1);
const k = view([6, 5, 3]);
const v = view([6, 5, 2]);

describe('attention kernel plans', () => {
  it('the scale and the offsets are arguments: a later step with other values reuses every kernel', () => {
    const first = attentionPlans(q, k, v, null, null, { causal: true, scale: 0.5 }, 'float32');
    const later = attentionPlans(
      view([6, 4, 3], 7),
      view([6, 5, 3], 3),
      view([6, 5, 2], 9),
      null,
      null,
      { causal: true, scale: 0.125 },
      'float32',
    );
    expect(first.logSumExp.key).toBe('attention:logSumExp:causal:none>float32|[6,4,5,3,2]');
    expect(later.logSumExp.key).toBe(first.logSumExp.key);
    expect(later.weights(other).key).toBe(first.weights(buffer).key);
    expect(later.output(other).key).toBe(first.output(buffer).key);
    expect(first.logSumExp.scalars).toEqual([1, 0, 0.5]);
    expect(later.logSumExp.scalars).toEqual([7, 3, 0.125]);
    expect(later.weights(other).scalars).toEqual([7, 3, 0, 0.125]);
    expect(later.weights(other).buffers[2]).toBe(other);
    expect([first.logSumExp.size, first.weights(buffer).size, first.output(buffer).size]).toEqual([
      24, 120, 48,
    ]);
  });

  it('causal: keys after the query are skipped by an index test, never read from a mask', () => {
    const causal = attentionPlans(q, k, v, null, null, { causal: true, scale: 1 }, 'float32');
    const full = attentionPlans(q, k, v, null, null, { causal: false, scale: 1 }, 'float32');
    expect(causal.logSumExp.buffers).toHaveLength(2);
    expect(causal.logSumExp.source()).toContain('for (let j = 0; j < 5; j++) {');
    expect(causal.logSumExp.source()).toContain('if (j <= cr0) {');
    expect(causal.weights(buffer).source()).toContain('if (cr1 <= c1) {');
    expect(full.logSumExp.source()).not.toContain('<= cr0');
    expect(full.logSumExp.key).toBe('attention:logSumExp:full:none>float32|[6,4,5,3,2]');
  });

  it('a strided bool mask is read in place: its strides are literals, a stride 0 costs nothing', () => {
    const plans = attentionPlans(q, k, v, boolMask, null, { causal: false, scale: 1 }, 'float32');
    const source = plans.logSumExp.source();
    expect(plans.logSumExp.key).toBe(
      'attention:logSumExp:full:bool[2,3][20,0,1,4]>float32|[6,4,5,3,2]',
    );
    expect(plans.logSumExp.scalars).toEqual([1, 0, 2, 1]);
    // Batch entry c0 is (c0 / 3, c0 mod 3); the head coordinate has stride 0 and drops out.
    expect(source).toContain('const m0 = Math.floor((c0 + 0.5) / 3);');
    expect(source).toContain('const mr = p2 + m0 * 20 + cr0;');
    expect(source).toContain('if (x2[mr + j * 4] !== 0) {');
    const additive = { ...boolMask, dtype: 'float32' } as const;
    const added = attentionPlans(q, k, v, additive, null, { causal: false, scale: 1 }, 'float32');
    expect(added.logSumExp.source()).toContain('s = s + x2[mr + j * 4];');
    expect(added.logSumExp.key).toContain(':add[2,3][20,0,1,4]>');
  });

  it('dot products are unrolled by 8 with literal bounds, and empty loops are not written', () => {
    const long = attentionPlans(
      view([2, 3, 20]),
      view([2, 4, 20]),
      view([2, 4, 5]),
      null,
      null,
      { causal: false, scale: 1 },
      'float32',
    );
    const source = long.logSumExp.source();
    expect(source).toContain('for (let e = 0; e < 2; e++) {');
    expect(source).toContain('const sc = qr + 16;');
    const empty = attentionPlans(
      view([2, 3, 0]),
      view([2, 0, 0]),
      view([2, 0, 5]),
      null,
      null,
      { causal: false, scale: 1 },
      'float32',
    );
    expect(empty.logSumExp.source()).not.toContain('for (');
    expect(empty.logSumExp.source()).toContain('let r = ninf;');
  });

  it('the backward recomputes the weights with the forward’s kernel; the score gradient takes the scale as an argument', () => {
    const options = { causal: true, scale: 0.5 };
    const forward = attentionPlans(q, k, v, boolMask, view([6, 4, 5]), options, 'float32');
    const back = attentionBackwardPlans(
      view([6, 4, 2]),
      q,
      k,
      v,
      view([6, 4, 2]),
      view([6, 4]),
      boolMask,
      view([6, 4, 5]),
      options,
      'float32',
    );
    expect(back.weights.key).toBe(forward.weights(buffer).key);
    expect(back.rowDot.key).toBe('attention:rowDot>float32|[24,2]');
    const scoreGrad = back.scoreGrad(other);
    expect(scoreGrad.key).toBe(
      'attention:scoreGrad:causal:bool[2,3][20,0,1,4]:dropout>float32|[6,4,5,3,2]',
    );
    expect(scoreGrad.buffers).toHaveLength(8);
    expect(scoreGrad.scalars.at(-1)).toBe(0.5);
    expect(scoreGrad.source()).toContain('d = p8 * w * (g - x5[p5 + r]);');
    expect([back.gradV(buffer).size, back.gradQ(buffer).size, back.gradK(buffer).size]).toEqual([
      60, 72, 90,
    ]);
  });

  it('rejects shapes that do not fit, naming the op and the shapes', () => {
    const options = { causal: false, scale: 1 };
    expect(() => attentionPlans(q, view([6, 5, 4]), v, null, null, options, 'float32')).toThrow(
      'attention: expected q [batch, L, E], k [batch, S, E] and v [batch, S, Ev], got q ' +
        '[6, 4, 3], k [6, 5, 4] and v [6, 5, 2]',
    );
    expect(() => attentionPlans(q, k, view([3, 5, 2]), null, null, options, 'float32')).toThrow(
      'got q [6, 4, 3], k [6, 5, 3] and v [3, 5, 2]',
    );
    const badMask = { ...boolMask, shape: [2, 2, 4, 5] };
    expect(() => attentionPlans(q, k, v, badMask, null, options, 'float32')).toThrow(
      'attention: the mask must have shape [...batchDims, 4, 5] with batch dims that multiply ' +
        'to 6, got [2, 2, 4, 5]',
    );
    expect(() => attentionPlans(q, k, v, null, view([6, 5, 4]), options, 'float32')).toThrow(
      'attention: the dropout multipliers must have shape [6, 4, 5], got [6, 5, 4]',
    );
    const transposed = { ...q, strides: [12, 1, 4] };
    expect(() => attentionPlans(transposed, k, v, null, null, options, 'float32')).toThrow(
      'attention: fused kernels take contiguous views, got shape [6, 4, 3] with strides [12, 1, 4]',
    );
    const grad = view([6, 4, 3]);
    expect(() =>
      attentionBackwardPlans(
        grad,
        q,
        k,
        v,
        view([6, 4, 2]),
        view([6, 4]),
        null,
        null,
        options,
        'float32',
      ),
    ).toThrow(
      'attentionBackward: the output and its gradient must have shape [6, 4, 2], got [6, 4, 3]',
    );
  });
});
