import {
  compareWithComposition,
  gradcheck,
  gradgradcheck,
  noGrad,
  type CompareWithCompositionOptions,
} from '@torchlet/autograd';
import {
  bernoulli,
  Generator,
  cpuBackend,
  manualSeed,
  randn,
  tensor,
  trackStorages,
  type Backend,
  type Storage,
  type Tensor,
} from '@torchlet/tensor';
import { beforeEach, describe, expect, it } from 'vitest';
import { composeAttention } from './compose-attention';
import { scaledDotProductAttention as sdpa } from './index';

// The CPU backend without its fused kernels: attention takes its composition path.
const composedOnly: Backend = { ...cpuBackend, fused: undefined };

/** A bool mask of `shape` with a fixed, irregular pattern that keeps key 0 in every row. */
function boolMask(shape: number[], backend: Backend = cpuBackend): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const S = shape[shape.length - 1];
  const values = Array.from({ length: n }, (_, i) => i % S === 0 || (i * 7) % 5 < 3);
  return tensor(values, { dtype: 'bool', backend }).reshape(shape);
}

/** An additive float mask with some −∞ (never a whole row) and finite offsets. */
function floatMask(
  shape: number[],
  dtype: 'float32' | 'float64',
  backend: Backend = cpuBackend,
): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const S = shape[shape.length - 1];
  const values = Array.from({ length: n }, (_, i) =>
    i % S !== 0 && (i * 3) % 7 === 1 ? -Infinity : Math.sin(i) * 0.8,
  );
  return tensor(values, { dtype, backend }).reshape(shape);
}

// [name, f(q, k, v, mask?), shapes of q, k, v, the mask's maker (given the dtype)]
type MaskMaker = (dtype: 'float32' | 'float64', backend?: Backend) => Tensor;
type Case = [
  name: string,
  f: (q: Tensor, k: Tensor, v: Tensor, mask?: Tensor) => Tensor,
  shapes: number[][],
  mask?: MaskMaker,
];
const cases: Case[] = [
  [
    'no mask, batch and heads',
    (q, k, v) => sdpa(q, k, v),
    [
      [2, 3, 4, 5],
      [2, 3, 4, 5],
      [2, 3, 4, 5],
    ],
  ],
  [
    'causal, L = S',
    (q, k, v) => sdpa(q, k, v, { isCausal: true }),
    [
      [2, 5, 4],
      [2, 5, 4],
      [2, 5, 3],
    ],
  ],
  [
    'causal, L > S (top-left)',
    (q, k, v) => sdpa(q, k, v, { isCausal: true }),
    [
      [6, 3],
      [4, 3],
      [4, 2],
    ],
  ],
  [
    'causal, L < S (top-left)',
    (q, k, v) => sdpa(q, k, v, { isCausal: true }),
    [
      [2, 3, 4],
      [2, 6, 4],
      [2, 6, 5],
    ],
  ],
  [
    'bool mask [L, S], L ≠ S, E ≠ Ev',
    (q, k, v, m) => sdpa(q, k, v, { attnMask: m }),
    [
      [2, 2, 3, 4],
      [2, 2, 5, 4],
      [2, 2, 5, 6],
    ],
    (_, be) => boolMask([3, 5], be),
  ],
  [
    'float mask [B, 1, L, S] over the heads',
    (q, k, v, m) => sdpa(q, k, v, { attnMask: m }),
    [
      [2, 3, 4, 4],
      [2, 3, 5, 4],
      [2, 3, 5, 2],
    ],
    (dtype, be) => floatMask([2, 1, 4, 5], dtype, be),
  ],
  [
    'bool key-padding mask [B, 1, 1, S]',
    (q, k, v, m) => sdpa(q, k, v, { attnMask: m }),
    [
      [2, 2, 3, 4],
      [2, 2, 5, 4],
      [2, 2, 5, 4],
    ],
    (_, be) => boolMask([2, 1, 1, 5], be),
  ],
  [
    'broadcast batch dims: one key/value head for every query head, a scale',
    (q, k, v) => sdpa(q, k, v, { scale: 0.3 }),
    [
      [2, 3, 4, 5],
      [2, 1, 6, 5],
      [1, 6, 3],
    ],
  ],
  [
    'unbatched [L, E]',
    (q, k, v) => sdpa(q, k, v),
    [
      [4, 3],
      [5, 3],
      [5, 2],
    ],
  ],
];

describe('scaledDotProductAttention: fused kernels agree with the composition', () => {
  beforeEach(() => manualSeed(5));
  for (const dtype of ['float32', 'float64'] as const) {
    const tol = dtype === 'float32' ? 2e-6 : 1e-13;
    for (const kernels of ['none', 'forward'] as CompareWithCompositionOptions['kernels'][]) {
      for (const [name, f, shapes, mask] of cases) {
        it(`${name}, ${dtype}, reference with kernels: ${kernels}`, () => {
          const inputs = shapes.map((s) => randn(s, { dtype, requiresGrad: true }));
          if (mask !== undefined) inputs.push(mask(dtype));
          const d = compareWithComposition(f, inputs, { kernels });
          expect(d.output).toBeLessThan(tol);
          expect(d.grads).toHaveLength(3);
          for (const g of d.grads) expect(g).toBeLessThan(tol * 10);
        });
      }
    }
  }

  it('records one ScaledDotProductFlashAttentionForCpuBackward0 node, a composition without kernels', () => {
    const q = randn([2, 4, 3], { requiresGrad: true });
    expect(String(sdpa(q, q, q).gradFn)).toBe('<ScaledDotProductFlashAttentionForCpuBackward0>');
    const y = randn([2, 4, 3], { backend: composedOnly, requiresGrad: true });
    expect(String(sdpa(y, y, y).gradFn)).toBe('<MatmulBackward0>');
  });
});

describe('gradcheck of scaledDotProductAttention (float64)', () => {
  beforeEach(() => manualSeed(7));
  for (const [name, f, shapes, mask] of cases) {
    const inputs = (backend: Backend) => {
      const xs = shapes.map((s) => randn(s, { dtype: 'float64', backend, requiresGrad: true }));
      if (mask !== undefined) xs.push(mask('float64', backend));
      return xs;
    };
    it(`${name}: first order with the kernels, and on a backend without them`, () => {
      expect(gradcheck(f, inputs(cpuBackend))).toBe(true);
      expect(gradcheck(f, inputs(composedOnly))).toBe(true);
    });
    it(`${name}: second order (the composition, recorded)`, () => {
      expect(gradgradcheck(f, inputs(cpuBackend))).toBe(true);
    });
  }

  it('a float mask that requires grad gets its gradient (through the composition)', () => {
    const [q, k, v] = [
      [2, 3, 4],
      [2, 5, 4],
      [2, 5, 3],
    ].map((s) => randn(s, { dtype: 'float64', requiresGrad: true }));
    const m = randn([3, 5], { dtype: 'float64', requiresGrad: true });
    const f = (a: Tensor, b: Tensor, c: Tensor, d: Tensor) => sdpa(a, b, c, { attnMask: d });
    expect(gradcheck(f, [q, k, v, m])).toBe(true);
    expect(gradgradcheck(f, [q, k, v, m])).toBe(true);
  });
});

describe('scaledDotProductAttention values', () => {
  it('isCausal is top-left aligned: query i sees keys 0..i, also when L ≠ S', () => {
    const q = tensor(
      [
        [1, 0],
        [0, 1],
        [1, 1],
      ],
      { dtype: 'float64' },
    );
    const k = tensor(
      [
        [2, 0],
        [0, 2],
        [1, -1],
        [3, 3],
      ],
      { dtype: 'float64' },
    );
    const v = tensor(
      [
        [1, 10],
        [2, 20],
        [3, 30],
        [4, 40],
      ],
      { dtype: 'float64' },
    );
    for (const backend of [cpuBackend, composedOnly]) {
      const [qb, kb, vb] = [q, k, v].map((t) => t.to(backend));
      const y = sdpa(qb, kb, vb, { isCausal: true, scale: 0.5 }).toArray() as number[][];
      // Row 0: key 0 only. Row 1: scores (0, 1). Row 2: scores (1, 1, 0); key 3 never.
      const w1 = [1, Math.E].map((e) => e / (1 + Math.E));
      const w2 = [Math.E, Math.E, 1].map((e) => e / (2 * Math.E + 1));
      const want = [
        [1, 10],
        [w1[0] * 1 + w1[1] * 2, w1[0] * 10 + w1[1] * 20],
        [w2[0] + 2 * w2[1] + 3 * w2[2], 10 * w2[0] + 20 * w2[1] + 30 * w2[2]],
      ];
      y.flat().forEach((x, i) => expect(x).toBeCloseTo(want.flat()[i], 12));
    }
  });

  it('the default scale is 1/√E, and a bool mask equals its additive −∞ form', () => {
    manualSeed(2);
    const [q, k, v] = [
      [2, 3, 4],
      [2, 5, 4],
      [2, 5, 3],
    ].map((s) => randn(s, { dtype: 'float64' }));
    const keep = boolMask([3, 5]);
    const additive = noGrad(() => keep.logicalNot().double().mul(-1e300).mul(1e300));
    const a = sdpa(q, k, v, { attnMask: keep }).dataSync();
    const b = sdpa(q, k, v, { attnMask: additive, scale: 0.5 }).dataSync();
    const c = composeAttention(q, k, v, {
      mask: additive,
      dropout: null,
      causal: false,
      scale: 0.5,
    });
    expect(Array.from(a)).toEqual(Array.from(b));
    Array.from(c.dataSync()).forEach((x, i) => expect(x).toBeCloseTo(a[i], 13));
  });

  it('a row whose mask keeps no key gives zeros and zero gradients, never NaN (both paths)', () => {
    for (const backend of [cpuBackend, composedOnly]) {
      manualSeed(4);
      const [q, k, v] = [
        [2, 3, 4],
        [2, 5, 4],
        [2, 5, 3],
      ].map((s) => randn(s, { dtype: 'float64', backend, requiresGrad: true }));
      // Row 1 keeps nothing (bool); in the float form, row 2 is all −∞.
      const values = Array.from({ length: 15 }, (_, i) => i < 5 || i >= 10);
      const keep = tensor(values, { dtype: 'bool', backend }).reshape([3, 5]);
      const additive = tensor(
        Array.from({ length: 15 }, (_, i) => (i >= 10 ? -Infinity : 0)),
        { dtype: 'float64', backend },
      ).reshape([3, 5]);
      for (const [mask, row] of [
        [keep, 1],
        [additive, 2],
      ] as const) {
        q.grad = k.grad = v.grad = null;
        const y = sdpa(q, k, v, { attnMask: mask });
        y.mul(y).sum().backward();
        const out = y.toArray() as number[][][];
        for (const b of [0, 1]) {
          expect(out[b][row]).toEqual([0, 0, 0]);
          expect(out[b][(row + 1) % 3].some((x) => x !== 0)).toBe(true);
          expect((q.grad!.toArray() as number[][][])[b][row]).toEqual([0, 0, 0, 0]);
        }
        for (const g of [q.grad!, k.grad!, v.grad!]) {
          expect(Array.from(g.dataSync()).every(Number.isFinite)).toBe(true);
        }
      }
    }
  });
});

describe('scaledDotProductAttention on empty dims', () => {
  // [q, k, v] shapes: L = 0, S = 0 (every row keeps no key: zeros), no batch entries, E = 0.
  const shapes = [
    [
      [2, 0, 4],
      [2, 3, 4],
      [2, 3, 5],
    ],
    [
      [2, 3, 4],
      [2, 0, 4],
      [2, 0, 5],
    ],
    [
      [0, 3, 4],
      [0, 2, 4],
      [0, 2, 5],
    ],
    [
      [2, 3, 0],
      [2, 2, 0],
      [2, 2, 5],
    ],
  ];
  for (const [qs, ks, vs] of shapes) {
    it(`q ${qs.join('×')}, k ${ks.join('×')}, v ${vs.join('×')}: the fused path gives the composition`, () => {
      const results = [cpuBackend, composedOnly].map((backend) => {
        manualSeed(3);
        const [q, k, v] = [qs, ks, vs].map((s) => randn(s, { backend, requiresGrad: true }));
        const y = sdpa(q, k, v, { isCausal: true, scale: 0.5 });
        y.mul(y.add(1)).sum().backward();
        expect(y.shape).toEqual([...qs.slice(0, -1), vs[2]]);
        return [y, q.grad!, k.grad!, v.grad!].map((t) => Array.from(t.dataSync()));
      });
      expect(results[0]).toEqual(results[1]);
      if (qs[2] === 0) expect(results[0][0].length).toBeGreaterThan(0);
    });
  }

  it('E = 0 with the default scale 1/√E throws instead of giving NaN', () => {
    const q = randn([2, 3, 0]);
    expect(() => sdpa(q, q, randn([2, 3, 4]))).toThrow(
      /head dim E is 0, so the default scale 1\/√E is infinite.*pass an explicit scale/,
    );
  });
});

describe('scaledDotProductAttention with dropout', () => {
  it('multiplies the weights by bernoulli(1 − p)/(1 − p) drawn from the seeded generator', () => {
    const shapes = [
      [2, 2, 4, 3],
      [2, 2, 5, 3],
      [2, 2, 5, 2],
    ];
    manualSeed(9);
    const [q, k, v] = shapes.map((s) => randn(s, { dtype: 'float64' }));
    manualSeed(123);
    const y = sdpa(q, k, v, { dropoutP: 0.4, isCausal: true });
    manualSeed(123);
    const drop = bernoulli([2, 2, 4, 5], 0.6, { dtype: 'float64' }).div(0.6);
    const want = composeAttention(q, k, v, {
      mask: null,
      dropout: drop,
      causal: true,
      scale: 1 / Math.sqrt(3),
    });
    Array.from(y.dataSync()).forEach((x, i) => expect(x).toBeCloseTo(want.dataSync()[i], 13));
    // Some weights were dropped: the result differs from attention without dropout.
    const plain = sdpa(q, k, v, { isCausal: true }).dataSync();
    expect(Array.from(y.dataSync()).some((x, i) => Math.abs(x - plain[i]) > 1e-3)).toBe(true);
  });

  it('gives the same values and gradients on the fused path and the composition', () => {
    const run = (backend: Backend) => {
      manualSeed(9);
      const xs = [
        [3, 4, 3],
        [3, 6, 3],
        [3, 6, 2],
      ].map((s) => randn(s, { dtype: 'float64', backend, requiresGrad: true }));
      manualSeed(77);
      const y = sdpa(xs[0], xs[1], xs[2], { dropoutP: 0.25, attnMask: boolMask([4, 6], backend) });
      y.mul(y).sum().backward();
      return [y, ...xs.map((x) => x.grad!)].map((t) => Array.from(t.dataSync()));
    };
    const fused = run(cpuBackend);
    const composed = run(composedOnly);
    fused.forEach((a, i) => a.forEach((x, j) => expect(x).toBeCloseTo(composed[i][j], 12)));
  });

  it('dropoutP = 1 gives zeros, not NaN; a Generator makes the draws repeatable', () => {
    const q = randn([2, 3, 4]);
    expect(Array.from(sdpa(q, q, q, { dropoutP: 1 }).dataSync())).toEqual(new Array(24).fill(0));
    const g = new Generator(5);
    const a = sdpa(q, q, q, { dropoutP: 0.5, generator: g }).dataSync();
    g.manualSeed(5);
    const b = sdpa(q, q, q, { dropoutP: 0.5, generator: g }).dataSync();
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});

describe('scaledDotProductAttention errors', () => {
  const q = randn([2, 4, 5, 8]);
  const k = randn([2, 4, 6, 8]);
  const v = randn([2, 4, 6, 3]);
  const cases: [string, () => unknown, RegExp][] = [
    ['head dims', () => sdpa(q, randn([2, 4, 6, 7]), v), /same head dim E .* got 8 and 7/],
    [
      'key/value lengths',
      () => sdpa(q, k, randn([2, 4, 7, 3])),
      /same sequence length S .* got 6 and 7/,
    ],
    [
      'heads',
      () => sdpa(q, randn([2, 3, 6, 8]), randn([2, 3, 6, 3])),
      /batch dims .* must match or be 1.*key \[2,3,6,8\]/,
    ],
    [
      'mask shape',
      () => sdpa(q, k, v, { attnMask: boolMask([5, 5]) }),
      /attnMask of shape \[5,5\] cannot be broadcast to .*\[2,4,5,6\]/,
    ],
    [
      'mask with more dims',
      () => sdpa(q, k, v, { attnMask: boolMask([3, 2, 4, 5, 6]) }),
      /cannot be broadcast/,
    ],
    [
      'mask dtype',
      () => sdpa(q, k, v, { attnMask: randn([5, 6]).int() }),
      /attnMask of dtype bool or the query's dtype float32, got int32/,
    ],
    [
      'mask and causal',
      () => sdpa(q, k, v, { attnMask: boolMask([5, 6]), isCausal: true }),
      /attnMask should not be set when isCausal=true/,
    ],
    ['dtypes', () => sdpa(q, k.double(), v), /same dtype, got query float32, key float64/],
    [
      'rank',
      () => sdpa(randn([8]), k, v),
      /query of shape \[\.\.\., L, E\] \(at least 2 dims\), got \[8\]/,
    ],
    [
      'dropout',
      () => sdpa(q, k, v, { dropoutP: 1.5 }),
      /dropout probability has to be between 0 and 1, but got 1.5/,
    ],
    ['scale', () => sdpa(q, k, v, { scale: NaN }), /scale must be a finite number/],
    [
      'option names',
      () => sdpa(q, k, v, { is_causal: true } as never),
      /unknown option 'is_causal'; did you mean 'isCausal'/,
    ],
    ['non-tensor', () => sdpa(q, [1] as never, v), /expected key to be a Tensor/],
    [
      'devices',
      () => sdpa(q, k, randn([2, 4, 6, 3], { backend: composedOnly })),
      /expected query and value on the same device/,
    ],
  ];
  for (const [name, call, message] of cases) {
    it(`${name}: one clear message`, () => expect(call).toThrow(message));
  }
});

describe('the log-sum-exp the attention kernel keeps', () => {
  const made = (fn: () => void): Storage[] => {
    const storages: Storage[] = [];
    trackStorages(storages, fn);
    return storages;
  };

  it('is freed at once when nothing is recorded', () => {
    const q = randn([2, 4, 8]);
    let y: Tensor | null = null;
    const storages = made(() => (y = noGrad(() => sdpa(q, q, q, { isCausal: true }))));
    expect(storages.filter((s) => !s.disposed)).toEqual([y!.storage]);
  });

  it('lives with the node, and is freed when backward releases it', () => {
    const q = randn([2, 4, 8], { requiresGrad: true });
    let y: Tensor | null = null;
    const storages = made(() => (y = sdpa(q, q, q, { isCausal: true })));
    expect(storages.filter((s) => !s.disposed)).toHaveLength(2);
    y!.sum().backward();
    expect(storages.filter((s) => !s.disposed)).toEqual([y!.storage]);
  });
});
