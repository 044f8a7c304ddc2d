import { noGrad } from '@torchlet/autograd';
import {
  cpuBackend,
  manualSeed,
  randn,
  tensor,
  zeros,
  type AdamStepOptions,
  type Backend,
  type Tensor,
} from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { adamStep_ } from './index';

// The CPU backend without its fused kernels: adamStep_ composes the update from tensor ops.
const composedOnly: Backend = { ...cpuBackend, fused: undefined };

const options: AdamStepOptions = {
  lr: 0.01,
  beta1: 0.9,
  beta2: 0.999,
  eps: 1e-8,
  weightDecay: 0.1,
  decoupled: true,
  step: 1,
};

function maxDiff(a: Tensor, b: Tensor): number {
  const [x, y] = [a.dataSync(), b.dataSync()];
  expect(x.length).toBe(y.length);
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(Number(x[i]) - Number(y[i])));
  return m;
}

describe('adamStep_', () => {
  it('updates parameter and moments in place, and the composition gives the same numbers', () => {
    for (const decoupled of [true, false]) {
      const results = [cpuBackend, composedOnly].map((backend) => {
        manualSeed(5);
        const make = () => tensor(randn([4, 3]).toArray() as number[][], { backend });
        const [p, g, m, v] = [make(), make(), make(), make().abs()];
        const alias = p.detach();
        for (let step = 1; step <= 3; step++)
          adamStep_(p, g, m, v, { ...options, decoupled, step });
        // Views of the parameter see the update, as after torch's in-place step.
        expect(alias.toArray()).toEqual(p.toArray());
        return [p, m, v];
      });
      results[0].forEach((t, i) => expect(maxDiff(t, results[1][i])).toBeLessThan(1e-6));
      // And it moved: one AdamW step moves every weight by about lr.
      const start = (manualSeed(5), randn([4, 3]));
      expect(maxDiff(results[0][0], start)).toBeGreaterThan(0.01);
    }
  });

  it('matches the formula: one step from zero moments moves each weight by lr against its gradient', () => {
    // m̂ = g, v̂ = g², so the step is lr·g/(|g| + eps) = lr·sign(g), after the decay p·(1 − lr·wd).
    for (const backend of [cpuBackend, composedOnly]) {
      const p = tensor([1, -2, 3], { backend });
      const g = tensor([0.5, -4, 2], { backend });
      const [m, v] = [zeros([3], { backend }), zeros([3], { backend })];
      adamStep_(p, g, m, v, options);
      const decayed = [1, -2, 3].map((x) => x * (1 - 0.01 * 0.1));
      const expected = decayed.map((x, i) => x - 0.01 * Math.sign([0.5, -4, 2][i]));
      (p.toArray() as number[]).forEach((x, i) => expect(x).toBeCloseTo(expected[i], 6));
      (m.toArray() as number[]).forEach((x, i) => expect(x).toBeCloseTo(0.1 * [0.5, -4, 2][i], 6));
      (v.toArray() as number[]).forEach((x, i) =>
        expect(x).toBeCloseTo(0.001 * [0.25, 16, 4][i], 6),
      );
    }
  });

  it('bumps the parameter and both moments once each, also when its kernel writes in place', () => {
    for (const backend of [cpuBackend, composedOnly]) {
      const p = randn([3], { backend });
      const m = zeros([3], { backend });
      const v = zeros([3], { backend });
      adamStep_(p, randn([3], { backend }), m, v, { ...options, weightDecay: 0 });
      expect([p.storage.version, m.storage.version, v.storage.version]).toEqual([1, 1, 1]);
    }
  });

  it('rejects mismatched shapes, bad steps and leaves that record gradients', () => {
    const p = randn([2, 3]);
    expect(() => adamStep_(p, randn([3, 2]), randn([2, 3]), randn([2, 3]), options)).toThrow(
      'adamStep_: grad is float32 [3,2] but the parameter is float32 [2,3]; they must match',
    );
    expect(() => adamStep_(p, p, p.clone(), p.clone(), { ...options, step: 0 })).toThrow(
      'adamStep_: step must be a positive integer, got 0',
    );
    const leaf = randn([2], { requiresGrad: true });
    expect(() => adamStep_(leaf, randn([2]), randn([2]), randn([2]), options)).toThrow(
      /in-place operation; do the update inside noGrad/,
    );
    noGrad(() => adamStep_(leaf, randn([2]), randn([2]), randn([2]).abs(), options));
  });

  it('refuses a parameter that is a view before writing anything: the moments keep their values', () => {
    for (const backend of [cpuBackend, composedOnly]) {
      const p = tensor([1, 2, 3, 4], { backend }).narrow(0, 1, 3);
      const m = tensor([0.5, 0.5, 0.5], { backend });
      const v = tensor([0.25, 0.25, 0.25], { backend });
      expect(() => adamStep_(p, tensor([1, 1, 1], { backend }), m, v, options)).toThrow(
        'adamStep_: in-place writes need a tensor that owns its whole storage contiguously; ' +
          'param is a view of shape [3]; call .clone() (a copy) first',
      );
      expect(m.toArray()).toEqual([0.5, 0.5, 0.5]);
      expect(v.toArray()).toEqual([0.25, 0.25, 0.25]);
      expect([p.storage.version, m.storage.version, v.storage.version]).toEqual([0, 0, 0]);
    }
  });
});
