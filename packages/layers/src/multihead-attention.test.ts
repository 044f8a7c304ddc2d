import { readFileSync } from 'node:fs';
import { gradcheck, noGrad } from '@torchlet/autograd';
import { manualSeed, randn, tensor, zeros, type Tensor } from '@torchlet/tensor';
import { parityError } from '@torchlet/tensor/testing';
import { describe, expect, it } from 'vitest';
import { MultiheadAttention, type MultiheadAttentionOptions } from './index';

interface FixtureArray {
  dtype: 'bool' | 'float32' | 'float64';
  shape: number[];
  data: (number | string)[];
}
interface InitCase {
  name: string;
  seed: number;
  embedDim: number;
  numHeads: number;
  options: Record<string, unknown>;
  dtype: 'float32' | 'float64';
  namedParameters: string[];
  state: [string, FixtureArray][];
  repr: string;
}
interface ForwardCase {
  name: string;
  embedDim: number;
  numHeads: number;
  options: Record<string, unknown>;
  training: boolean;
  dropoutSeed: number | null;
  share: 'self' | 'kv' | 'none';
  inputs: FixtureArray[];
  attnMask: FixtureArray | null;
  keyPaddingMask: FixtureArray | null;
  isCausal: boolean;
  needWeights: boolean;
  averageAttnWeights: boolean;
  state: [string, FixtureArray][];
  output: FixtureArray;
  weights: FixtureArray | null;
  upstream: FixtureArray | null;
  inputGrads: FixtureArray[] | null;
  paramGrads: [string, FixtureArray][] | null;
}
const fixtures = JSON.parse(
  readFileSync(new URL('./fixtures/mha-fixtures.json', import.meta.url), 'utf8'),
) as { init: InitCase[]; forward: ForwardCase[] };

const load = (a: FixtureArray): Tensor =>
  a.dtype === 'bool'
    ? tensor(a.data.map((v) => v === 1)).reshape(a.shape)
    : tensor(a.data.map(Number), { dtype: a.dtype }).reshape(a.shape);
const values = (a: FixtureArray) => a.data.map(Number);

/** PyTorch's constructor keywords in camelCase. */
function optionsOf(o: Record<string, unknown>): MultiheadAttentionOptions {
  const names: Record<string, string> = { batch_first: 'batchFirst' };
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [names[k] ?? k, v]));
}

/** Builds the case's module with PyTorch's weights and runs it on the case's inputs. */
function run(c: ForwardCase, overrides: { needWeights?: boolean; causalFlag?: boolean } = {}) {
  const mha = new MultiheadAttention(c.embedDim, c.numHeads, optionsOf(c.options));
  // PyTorch's state_dict keys load with no renaming (strict).
  mha.loadStateDict(Object.fromEntries(c.state.map(([k, a]) => [k, load(a)])));
  mha.train(c.training);
  const leaves = c.inputs.map((a) => load(a).requiresGrad_(true));
  const [q, k, v] =
    c.share === 'self'
      ? [leaves[0], leaves[0], leaves[0]]
      : c.share === 'kv'
        ? [leaves[0], leaves[1], leaves[1]]
        : leaves;
  if (c.dropoutSeed !== null) manualSeed(c.dropoutSeed);
  const causalOnly = overrides.causalFlag === true;
  const [out, w] = mha.forward(q, k, v, {
    attnMask: causalOnly || c.attnMask === null ? null : load(c.attnMask),
    keyPaddingMask: c.keyPaddingMask === null ? null : load(c.keyPaddingMask),
    needWeights: overrides.needWeights ?? c.needWeights,
    averageAttnWeights: c.averageAttnWeights,
    isCausal: causalOnly,
  });
  return { mha, leaves, out, w };
}

/** Output, weights and (without dropout) every gradient against the case, within 1e-5. */
function expectCase(c: ForwardCase, r: ReturnType<typeof run>, checkWeights = true) {
  expect(r.out.shape).toEqual(c.output.shape);
  expect(parityError(r.out.dataSync(), values(c.output))).toBeLessThan(1e-5);
  if (checkWeights) {
    if (c.weights === null) expect(r.w).toBeNull();
    else {
      expect(r.w!.shape).toEqual(c.weights.shape);
      expect(parityError(r.w!.dataSync(), values(c.weights))).toBeLessThan(1e-5);
    }
  }
  if (c.upstream === null) return;
  r.out.backward(load(c.upstream));
  c.inputGrads!.forEach((g, i) =>
    expect(parityError(r.leaves[i].grad!.dataSync(), values(g)), `input ${i}`).toBeLessThan(1e-5),
  );
  const params = new Map(r.mha.namedParameters());
  expect([...params.keys()]).toEqual(c.paramGrads!.map(([k]) => k));
  for (const [k, g] of c.paramGrads!)
    expect(parityError(params.get(k)!.grad!.dataSync(), values(g)), k).toBeLessThan(1e-5);
}

describe("MultiheadAttention's initialisation matches PyTorch after manualSeed", () => {
  for (const c of fixtures.init) {
    it(c.name, () => {
      manualSeed(c.seed);
      const mha = new MultiheadAttention(c.embedDim, c.numHeads, {
        ...optionsOf(c.options),
        dtype: c.dtype,
      });
      expect(mha.namedParameters().map(([n]) => n)).toEqual(c.namedParameters);
      const state = mha.stateDict();
      expect(Object.keys(state)).toEqual(c.state.map(([k]) => k));
      for (const [k, a] of c.state) {
        expect(state[k].dtype, k).toBe(c.dtype);
        expect(state[k].shape, k).toEqual(a.shape);
        expect(parityError(state[k].dataSync(), values(a)), k).toBeLessThan(1e-7);
      }
      expect(String(mha)).toBe(c.repr);
    });
  }
});

describe('MultiheadAttention matches nn.MultiheadAttention (PyTorch 1.13) with given weights', () => {
  for (const c of fixtures.forward) {
    it(c.name, () => expectCase(c, run(c)));
  }
});

describe('MultiheadAttention: the fused path (needWeights: false) gives the same results', () => {
  for (const c of fixtures.forward.filter((k) => k.needWeights)) {
    it(c.name, () => {
      const r = run(c, { needWeights: false });
      expect(r.w).toBeNull();
      expectCase(c, r, false);
    });
  }
});

describe('MultiheadAttention: isCausal without attnMask is the causal mask', () => {
  for (const c of fixtures.forward.filter((k) => k.isCausal)) {
    for (const needWeights of [true, false]) {
      it(`${c.name} (needWeights: ${needWeights})`, () => {
        const r = run(c, { causalFlag: true, needWeights });
        expectCase(c, r, needWeights === c.needWeights);
      });
    }
  }
  it('isCausal with an attnMask uses the mask (PyTorch 2 takes isCausal as a hint)', () => {
    const c = fixtures.forward.find((k) => k.name === 'bool attn_mask 2-D (causal)')!;
    const mha = new MultiheadAttention(8, 2);
    mha.loadStateDict(Object.fromEntries(c.state.map(([k, a]) => [k, load(a)])));
    const x = load(c.inputs[0]);
    const [y] = mha.forward(x, x, x, { attnMask: load(c.attnMask!), isCausal: true });
    expect(parityError(y.dataSync(), values(c.output))).toBeLessThan(1e-5);
  });
});

describe('MultiheadAttention: a query that may attend to no key', () => {
  it('gets zero weights and the output bias, with finite gradients, on both paths', () => {
    manualSeed(3);
    const mha = new MultiheadAttention(4, 2);
    noGrad(() => mha.out_proj.bias!.copy_(tensor([0.5, -1, 2, 0.25])));
    const x = randn([3, 2, 4], { requiresGrad: true });
    // Query 1 of batch entry 0 may see key 2 only, which is padding there.
    const attnMask = tensor([
      [false, false, false],
      [true, true, false],
      [false, true, false],
    ]);
    const keyPaddingMask = tensor([
      [false, false, true],
      [false, false, false],
    ]);
    const [y, w] = mha.forward(x, x, x, { attnMask, keyPaddingMask });
    const weights = w!.toArray() as number[][][];
    expect(weights[0][1]).toEqual([0, 0, 0]);
    expect(weights[1][1].reduce((a, b) => a + b)).toBeCloseTo(1, 6);
    const out = y.toArray() as number[][][];
    out[1][0].forEach((v, i) => expect(v).toBeCloseTo([0.5, -1, 2, 0.25][i], 6));
    y.sum().backward();
    expect(Array.from(x.grad!.dataSync()).every(Number.isFinite)).toBe(true);
    expect(Array.from(mha.in_proj_weight!.grad!.dataSync()).every(Number.isFinite)).toBe(true);
    const [yFused] = mha.forward(x, x, x, { attnMask, keyPaddingMask, needWeights: false });
    expect(parityError(yFused.dataSync(), Array.from(y.dataSync()))).toBeLessThan(1e-6);
  });
});

describe('MultiheadAttention gradients', () => {
  it('pass gradcheck in float64 (cross-attention, masks, both paths)', () => {
    manualSeed(0);
    const mha = new MultiheadAttention(4, 2, { dtype: 'float64', kdim: 3, vdim: 2 });
    noGrad(() => mha.in_proj_bias!.copy_(randn([12], { dtype: 'float64' })));
    const opts = { dtype: 'float64' as const, requiresGrad: true };
    const q = randn([3, 2, 4], opts);
    const k = randn([5, 2, 3], opts);
    const v = randn([5, 2, 2], opts);
    const attnMask = randn([3, 5], { dtype: 'float64' });
    const keyPaddingMask = tensor([
      [false, true, false, false, true],
      [false, false, false, true, false],
    ]);
    for (const needWeights of [true, false]) {
      const f = (a: Tensor, b: Tensor, c: Tensor) =>
        mha.forward(a, b, c, { attnMask, keyPaddingMask, needWeights })[0];
      expect(gradcheck(f, [q, k, v])).toBe(true);
    }
  });
});

describe('MultiheadAttention options and errors', () => {
  it('accepts PyTorch-shaped defaults and prints as PyTorch does', () => {
    const mha = new MultiheadAttention(6, 3, { bias: false, batchFirst: true, dropout: 0.1 });
    expect([mha.embedDim, mha.numHeads, mha.headDim, mha.kdim, mha.vdim]).toEqual([6, 3, 2, 6, 6]);
    expect(mha.in_proj_bias).toBeNull();
    expect(Object.keys(mha.stateDict())).toEqual(['in_proj_weight', 'out_proj.weight']);
  });

  it('refuses embedDim not divisible by numHeads, and bad sizes or dropout', () => {
    expect(() => new MultiheadAttention(10, 3)).toThrow(
      'MultiheadAttention: embed_dim must be divisible by num_heads, got embedDim 10 and numHeads 3',
    );
    expect(() => new MultiheadAttention(0, 1)).toThrow('embedDim must be a positive integer');
    expect(() => new MultiheadAttention(8, 2, { kdim: 2.5 })).toThrow(
      'kdim must be a positive integer, got 2.5',
    );
    expect(() => new MultiheadAttention(8, 2, { dropout: 1.5 })).toThrow(
      'dropout probability has to be between 0 and 1, but got 1.5',
    );
    expect(() => new MultiheadAttention(8, 2, { batch_first: true } as never)).toThrow(
      "unknown option 'batch_first'; did you mean 'batchFirst'?",
    );
  });

  it('names the shapes and the fix for bad inputs', () => {
    const mha = new MultiheadAttention(8, 2);
    const x = randn([4, 2, 8]);
    expect(() => mha.forward(randn([1, 4, 2, 8]), x, x)).toThrow(
      'query should be unbatched 2D or batched 3D tensor but received 4-D query tensor',
    );
    expect(() => mha.forward(x, randn([4, 8]), x)).toThrow(
      'expected `key` and `value` to be 3-D but found 2-D and 3-D tensors',
    );
    expect(() => mha.forward(randn([4, 2, 6]), x, x)).toThrow(
      'was expecting embedding dimension of 8, but got 6',
    );
    expect(() => mha.forward(x, randn([4, 2, 6]), randn([4, 2, 8]))).toThrow(
      'expected key with 8 features in its last dim (kdim), got [4,2,6]; pass { kdim: 6 }',
    );
    expect(() => mha.forward(x, randn([5, 2, 8]), randn([4, 2, 8]))).toThrow(
      "key's sequence and batch dims do not match value's",
    );
    expect(() => mha.forward(x, randn([5, 3, 8]), randn([5, 3, 8]))).toThrow(
      "query's batch size 2 does not match key's 3",
    );
    expect(() => mha.forward(x.double(), x.double(), x.double())).toThrow(
      "expected query, key and value of the module's dtype float32, got float64, float64 and float64",
    );
  });

  it('names the mask shapes and dtypes it expects', () => {
    const mha = new MultiheadAttention(8, 2);
    const q = randn([4, 2, 8]);
    const kv = randn([5, 2, 8]);
    expect(() => mha.forward(q, kv, kv, { attnMask: zeros([4, 4]) })).toThrow(
      'the shape of the 2D attnMask is [4,4], but should be [4,5] ([L, S])',
    );
    expect(() => mha.forward(q, kv, kv, { attnMask: zeros([2, 4, 5]) })).toThrow(
      'the shape of the 3D attnMask is [2,4,5], but should be [4,4,5] ([N·numHeads, L, S])',
    );
    expect(() => mha.forward(q, kv, kv, { attnMask: zeros([1, 2, 4, 5]) })).toThrow(
      'expected attnMask to be 2-D [L, S] or 3-D [N·numHeads, L, S] but found 4-D',
    );
    expect(() => mha.forward(q, kv, kv, { keyPaddingMask: zeros([5, 2]) })).toThrow(
      'expecting keyPaddingMask shape of [2,5] ([N, S]), but got [5,2]',
    );
    expect(() => mha.forward(q, kv, kv, { attnMask: zeros([4, 5], { dtype: 'int32' }) })).toThrow(
      'only bool and floating masks',
    );
    expect(() =>
      mha.forward(q, kv, kv, { keyPaddingMask: zeros([2, 5], { dtype: 'float64' }) }),
    ).toThrow("of the module's dtype float32 are supported for keyPaddingMask, not float64");
    expect(() => mha.forward(q, kv, kv, { key_padding_mask: null } as never)).toThrow(
      "did you mean 'keyPaddingMask'?",
    );
    expect(() => mha.forward(q, kv, kv, { needWeights: 'no' } as never)).toThrow(
      "needWeights must be true or false, got 'no'",
    );
  });
});
