import {
  adamStep_,
  cpuBackend,
  fusedCrossEntropy,
  fusedGelu,
  fusedLayerNorm,
  fusedSoftmax,
  manualSeed,
  randn,
  tensor,
  type Backend,
  type DType,
  type Tensor,
} from '@torchlet/tensor';
import { beforeEach, describe, expect, it } from 'vitest';
import { noGrad } from './index';

// The CPU backend without its fused kernels: every fused op takes its composition path.
const composedOnly: Backend = { ...cpuBackend, fused: undefined };

function maxDiff(a: Tensor, b: Tensor): number {
  const x = a.dataSync();
  const y = b.dataSync();
  expect(x.length).toBe(y.length);
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
  return m;
}

/** Runs `f` on fresh leaves on both backends; returns the output and input-gradient gaps. */
function compare(
  f: (...xs: Tensor[]) => Tensor,
  shapes: number[][],
  dtype: DType,
): { out: number; grads: number[]; gradFn: string } {
  const base = shapes.map((s) => randn(s, { dtype }));
  const run = (backend: Backend) => {
    const xs = base.map((b) => tensor(b.toArray() as number[], { dtype, backend }).requiresGrad_());
    const y = f(...xs);
    // A non-uniform upstream gradient, so row sums of the gradient do not cancel trivially.
    const w = tensor(randnLike(y).toArray() as number[], { dtype, backend });
    y.mul(w).sum().backward();
    return {
      y,
      grads: xs.map((x) => x.grad!),
      gradFn: y.gradFn === null ? '' : String(y.gradFn).slice(1, -1),
    };
  };
  manualSeed(3);
  const fused = run(cpuBackend);
  manualSeed(3);
  const composed = run(composedOnly);
  return {
    out: maxDiff(fused.y, composed.y),
    grads: fused.grads.map((g, i) => maxDiff(g, composed.grads[i])),
    gradFn: fused.gradFn,
  };
}

function randnLike(t: Tensor): Tensor {
  return randn(t.shape, { dtype: t.dtype });
}

describe('fused ops agree with their compositions (values and gradients)', () => {
  beforeEach(() => manualSeed(11));
  const cases: [string, (...xs: Tensor[]) => Tensor, number[][], string][] = [
    ['gelu exact', (x) => fusedGelu(x, 'none'), [[7, 9]], 'GeluBackward0'],
    ['gelu tanh', (x) => fusedGelu(x, 'tanh'), [[7, 9]], 'GeluBackward0'],
    ['softmax last dim', (x) => fusedSoftmax(x, -1, false), [[6, 10]], 'SoftmaxBackward0'],
    ['logSoftmax dim 1 of 3', (x) => fusedSoftmax(x, 1, true), [[3, 5, 4]], 'PermuteBackward0'],
    [
      'layerNorm affine',
      (x, w, b) => fusedLayerNorm(x, 1, w, b, 1e-5),
      [[8, 16], [16], [16]],
      'NativeLayerNormBackward0',
    ],
    [
      'crossEntropy mean with an ignored row',
      (x) =>
        fusedCrossEntropy(
          x,
          tensor([2, -100, 0, 4], { dtype: 'int32', backend: x.backend }),
          -100,
          'mean',
        ),
      [[4, 5]],
      'NllLossBackward0',
    ],
    [
      'crossEntropy sum',
      (x) =>
        fusedCrossEntropy(
          x,
          tensor([1, 3, 3], { dtype: 'int32', backend: x.backend }),
          -100,
          'sum',
        ),
      [[3, 6]],
      'NllLossBackward0',
    ],
    [
      'layerNorm over 2 dims',
      (x) => fusedLayerNorm(x, 2, null, null, 1e-5),
      [[2, 3, 5]],
      'NativeLayerNormBackward0',
    ],
  ];
  for (const dtype of ['float32', 'float64'] as const) {
    const tol = dtype === 'float32' ? 2e-5 : 1e-12;
    for (const [name, f, shapes, gradFn] of cases) {
      it(`${name}, ${dtype}`, () => {
        const r = compare(f, shapes, dtype);
        expect(r.gradFn).toBe(gradFn);
        expect(r.out).toBeLessThan(tol);
        for (const g of r.grads) expect(g).toBeLessThan(tol * 10);
      });
    }
  }
});

describe('adamStep_', () => {
  const options = {
    lr: 0.01,
    beta1: 0.9,
    beta2: 0.999,
    eps: 1e-8,
    weightDecay: 0.1,
    decoupled: true,
    step: 1,
  };

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

  it('layerNorm names a weight of the wrong shape', () => {
    expect(() => fusedLayerNorm(randn([2, 4]), 1, randn([3]), null, 1e-5)).toThrow(
      'layerNorm: weight has shape [3] but the normalized shape is [4]',
    );
  });
});
