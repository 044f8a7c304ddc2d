import type { AdamStepOptions, View } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { GpuBuffer } from '../gpu-buffer';
import { adamStepPlans } from './adam-step-plans';
import { crossEntropyBackwardPlan } from './cross-entropy-backward-plan';
import { crossEntropyLossPlan, crossEntropyPlans } from './cross-entropy-plans';
import { geluPlan } from './gelu-plan';
import { layerNormBackwardPlans } from './layer-norm-backward-plans';
import { layerNormPlans } from './layer-norm-plans';
import { softmaxPlan } from './softmax-plan';

const buffer = new GpuBuffer({ data: new Float32Array(400) }, 400);
const view = (shape: number[], offset = 0): View<GpuBuffer> => {
  const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  return { buffer, dtype: 'float32', shape, strides, offset };
};

describe('fused kernel plans', () => {
  it('gelu reuses the elementwise plan and unaryExpression’s computed erf', () => {
    const source = geluPlan(view([4, 9], 5), 'none', 'float32').source();
    expect(source).toContain('const tu = v0 * 0.7071067811865476;');
    expect(source).toContain('1.061405429'); // Abramowitz & Stegun 7.1.26
    expect(geluPlan(view([4, 9]), 'tanh', 'float32').key).toBe('gelu:tanh>float32|[36]|[1]');
  });

  it('softmax: one thread per element, literal row loops, NaN returned as read', () => {
    const plan = softmaxPlan(view([2, 3, 5], 7), false, 'float32');
    const source = plan.source();
    expect(plan.key).toBe('softmax:exp>float32|[6,5]');
    expect(plan.size).toBe(30);
    expect(plan.scalars).toEqual([7]);
    expect(source).toContain('for (let k = 0; k < 5; k++) {');
    expect(source).toContain('!(v <= mx) || v !== v');
    expect(source).toContain('const r = nan === 0 ? y : mx;');
  });

  it('rejects views that are not contiguous instead of misreading them', () => {
    const t: View<GpuBuffer> = { ...view([3, 4]), strides: [1, 3] };
    expect(() => softmaxPlan(t, true, 'float32')).toThrow(
      'softmax: fused kernels take contiguous views, got shape [3, 4] with strides [1, 3]',
    );
  });

  it('layer norm: eps is an argument, the keys name the shape and the affine inputs', () => {
    const a = layerNormPlans(view([6, 10]), view([1, 10]), null, 1e-5, 'float32');
    const b = layerNormPlans(view([6, 10], 3), view([1, 10], 2), null, 1e-3, 'float32');
    expect(a.output.key).toBe(b.output.key);
    expect(a.output.key).toBe('layerNorm:w>float32|[6,10]');
    expect(b.output.scalars).toEqual([3, 2, 1e-3]);
    expect([a.mean.size, a.rstd.size]).toEqual([6, 6]);
    expect(a.rstd.source()).toContain('const rs = 1 / Math.sqrt(q / 10 + p1);');
    const back = layerNormBackwardPlans(
      view([6, 10]),
      view([6, 10]),
      view([6, 1]),
      view([6, 1]),
      null,
      'float32',
    );
    expect([back.gradInput.size, back.gradWeight.size, back.gradBias.size]).toEqual([60, 10, 10]);
    expect(back.gradWeight.source()).toContain('for (let j = 0; j < 6; j++) {');
  });

  it('adam: the step count and every hyperparameter are arguments, never in the key', () => {
    const o: AdamStepOptions = {
      lr: 0.01,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      weightDecay: 0.05,
      decoupled: true,
      step: 1,
    };
    const at = (options: AdamStepOptions) =>
      adamStepPlans(view([37]), view([37], 4), view([37]), view([37]), options, 'float32');
    const first = at(o);
    const later = at({ ...o, step: 500, lr: 3e-4, eps: 1e-6 });
    for (const k of ['param', 'expAvg', 'expAvgSq'] as const) {
      expect(later[k].key).toBe(first[k].key);
    }
    expect(later.param.scalars).not.toEqual(first.param.scalars);
    expect(first.param.key).toBe('adam:param:adamw>float32|[37]|[1][1][1][1]');
    expect(at({ ...o, decoupled: false }).param.key).toContain('adam:param:adam:l2>');
    expect(at({ ...o, decoupled: false, weightDecay: 0 }).expAvg.buffers).toHaveLength(2);
  });

  it('cross entropy: ignoreIndex is an argument, rows and cols are literal loop bounds', () => {
    const x = view([6, 10], 5);
    const t = view([6], 2);
    const a = crossEntropyPlans(x, t, -100, 'float32');
    const b = crossEntropyPlans(view([6, 10]), view([6]), 3, 'float32');
    for (const k of ['logSumExp', 'nll', 'count'] as const) expect(b[k].key).toBe(a[k].key);
    expect(a.logSumExp.key).toBe('crossEntropy:logSumExp>float32|[6,10]');
    expect([a.logSumExp.size, a.nll.size, a.count.size]).toEqual([6, 6, 1]);
    expect(a.nll.scalars).toEqual([5, 2, -100]);
    expect(a.nll.source()).toContain('for (let k = 0; k < 10; k++) {');
    expect(a.nll.source()).toContain('const y = Math.log(s) - (x0[b + t] - mx);');
    expect(a.count.source()).toContain('for (let j = 0; j < 6; j++) {');
    const loss = crossEntropyLossPlan(view([6]), t, -100, true, 'float32');
    expect(loss.key).toBe('crossEntropy:loss:mean>float32|[6]');
    expect(loss.source()).toContain('const r = total / n;');
    expect(crossEntropyLossPlan(view([6]), t, 7, false, 'float32').key).toBe(
      'crossEntropy:loss:sum>float32|[6]',
    );
    const back = (ignore: number) =>
      crossEntropyBackwardPlan(view([], 1), x, t, view([6]), ignore, 'float32');
    expect(back(-100).key).toBe(back(0).key);
    expect(back(-100).key).toBe('crossEntropyBackward>float32|[6,10]');
    expect(back(-100).size).toBe(60);
    expect(back(-100).scalars).toEqual([1, 5, 2, 0, -100]);
  });
});
