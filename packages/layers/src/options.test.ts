import { Generator, ones, tensor, zeros } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import {
  Embedding,
  kaimingUniform_,
  LayerNorm,
  Linear,
  normal_,
  RMSNorm,
  SwiGLUFFN,
  uniform_,
  xavierUniform_,
} from './index';

const fresh = () => new Linear(2, 2);
type Call = (options: Record<string, unknown>) => unknown;

// Every options object of the package: a valid call and what it gives, then the same call with
// a key as a PyTorch user would spell it, which used to be ignored without a word.
const cases: {
  op: string;
  call: Call;
  valid: object;
  gives: unknown;
  key: string;
  hint: string;
}[] = [
  {
    op: 'Linear',
    call: (o) => new Linear(3, 2, o).bias,
    valid: { bias: false },
    gives: null,
    key: 'bias_init',
    hint: "expected one of 'bias', 'dtype'",
  },
  {
    op: 'LayerNorm',
    call: (o) => new LayerNorm(4, o).eps,
    valid: { eps: 1e-3 },
    gives: 1e-3,
    key: 'elementwise_affine',
    hint: "did you mean 'elementwiseAffine'?",
  },
  {
    op: 'RMSNorm',
    call: (o) => new RMSNorm(4, o).weight,
    valid: { elementwiseAffine: false },
    gives: null,
    key: 'epsilon',
    hint: "expected one of 'eps', 'elementwiseAffine', 'dtype'",
  },
  {
    op: 'Embedding',
    call: (o) => new Embedding(5, 3, o).paddingIdx,
    valid: { paddingIdx: -1 },
    gives: 4,
    key: 'padding_idx',
    hint: "did you mean 'paddingIdx'?",
  },
  {
    op: 'SwiGLUFFN',
    call: (o) => new SwiGLUFFN(4, 8, o).w1.weight.dtype,
    valid: { dtype: 'float64' },
    gives: 'float64',
    key: 'bias',
    hint: "expected one of 'dtype'",
  },
  {
    op: 'uniform_',
    call: (o) => uniform_(zeros([3]), 0, 1, o).toArray(),
    valid: { generator: new Generator(7) },
    gives: uniform_(zeros([3]), 0, 1, { generator: new Generator(7) }).toArray(),
    key: 'gen',
    hint: "expected one of 'generator'",
  },
  {
    op: 'normal_',
    call: (o) => normal_(zeros([3]), 0, 1, o).toArray(),
    valid: { generator: new Generator(7) },
    gives: normal_(zeros([3]), 0, 1, { generator: new Generator(7) }).toArray(),
    key: 'generater',
    hint: "did you mean 'generator'?",
  },
  {
    op: 'xavierUniform_',
    call: (o) => xavierUniform_(zeros([2, 2]), 1, o).toArray(),
    valid: { generator: new Generator(7) },
    gives: xavierUniform_(zeros([2, 2]), 1, { generator: new Generator(7) }).toArray(),
    key: 'gain',
    hint: "expected one of 'generator'",
  },
  {
    op: 'kaimingUniform_',
    // fanOut of a [1, 300] weight is 1: bound sqrt(3) * sqrt(2), far above fanIn's.
    call: (o) => Math.max(...(kaimingUniform_(zeros([1, 300]), o).toArray() as number[][])[0]),
    valid: { mode: 'fanOut', nonlinearity: 'relu', generator: new Generator(1) },
    gives: Math.max(
      ...(
        kaimingUniform_(zeros([1, 300]), {
          mode: 'fanOut',
          nonlinearity: 'relu',
          generator: new Generator(1),
        }).toArray() as number[][]
      )[0],
    ),
    key: 'negative_slope',
    hint: "expected one of 'a', 'mode', 'nonlinearity', 'generator'",
  },
  {
    op: 'Module.zeroGrad',
    call: (o) => {
      const m = fresh();
      m.weight.grad = ones([2, 2]);
      m.zeroGrad(o);
      return m.weight.grad?.toArray();
    },
    valid: { setToNone: false },
    gives: [
      [0, 0],
      [0, 0],
    ],
    key: 'set_to_none',
    hint: "did you mean 'setToNone'?",
  },
  {
    op: 'Module.loadStateDict',
    call: (o) => fresh().loadStateDict({ weight: zeros([2, 2]) }, o).missingKeys,
    valid: { strict: false },
    gives: ['bias'],
    key: 'assign',
    hint: "expected one of 'strict'",
  },
];

describe('options objects refuse unknown keys', () => {
  it.each(cases)('$op works with valid options', ({ call, valid, gives }) => {
    expect(call({ ...valid })).toEqual(gives);
  });

  it.each(cases)("$op throws for '$key'", ({ op, call, valid, key, hint }) => {
    expect(() => call({ ...valid, [key]: 1 })).toThrow(
      new TypeError(`${op}: unknown option '${key}'; ${hint}`),
    );
  });

  it('rejects non-object options, such as PyTorch-style positional flags', () => {
    expect(() => new Linear(2, 2, false as never)).toThrow(
      new TypeError('Linear: expected options to be an object like { bias: … }, got boolean'),
    );
    expect(() => fresh().zeroGrad(null as never)).toThrow(
      'Module.zeroGrad: expected options to be an object like { setToNone: … }, got null',
    );
  });
});

describe('option values are checked, not coerced', () => {
  it('booleans must be booleans', () => {
    expect(() => new Linear(2, 2, { bias: 'no' as never })).toThrow(
      new TypeError("Linear: bias must be true or false, got 'no'"),
    );
    expect(() => new LayerNorm(2, { elementwiseAffine: 0 as never })).toThrow(
      'LayerNorm: elementwiseAffine must be true or false, got 0',
    );
    expect(() => fresh().loadStateDict(fresh().stateDict(), { strict: 'false' as never })).toThrow(
      "Module.loadStateDict: strict must be true or false, got 'false'",
    );
  });

  it('dtypes must be floating point', () => {
    expect(() => new Linear(2, 2, { dtype: 'float16' as never })).toThrow(
      new TypeError("Linear: dtype must be 'float32' or 'float64', got 'float16'"),
    );
    expect(() => new Embedding(3, 2, { dtype: 'int32' })).toThrow(
      "Embedding: dtype must be 'float32' or 'float64', got 'int32'",
    );
    expect(() => new RMSNorm(2, { dtype: 'bool' })).toThrow('RMSNorm: dtype must be');
  });

  it('eps must be a finite number >= 0 (a NaN eps made every output NaN)', () => {
    expect(() => new RMSNorm(2, { eps: NaN })).toThrow(
      new RangeError('RMSNorm: eps must be a finite number >= 0, got NaN'),
    );
    expect(() => new LayerNorm(2, { eps: -1 })).toThrow(
      'LayerNorm: eps must be a finite number >= 0, got -1',
    );
    expect(() => new LayerNorm(2, { eps: '1e-5' as never })).toThrow(
      "LayerNorm: eps must be a number, got '1e-5'",
    );
    const [[y0, y1]] = new RMSNorm(2, { eps: 0 }).forward(tensor([[3, 4]])).toArray() as number[][];
    expect(y0).toBeCloseTo(3 / Math.sqrt(12.5), 6);
    expect(y1).toBeCloseTo(4 / Math.sqrt(12.5), 6);
  });

  it("kaimingUniform_'s mode and nonlinearity are checked (mode 'fan_in' silently meant fanOut)", () => {
    expect(() => kaimingUniform_(zeros([2, 2]), { mode: 'fan_in' as never })).toThrow(
      new TypeError(
        "kaimingUniform_: mode must be 'fanIn' or 'fanOut', got 'fan_in'; did you mean 'fanIn'?",
      ),
    );
    expect(() => kaimingUniform_(zeros([2, 2]), { nonlinearity: 'leaky_relu' as never })).toThrow(
      "kaimingUniform_: nonlinearity must be 'leakyRelu', 'relu' or 'linear', got 'leaky_relu'; did you mean 'leakyRelu'?",
    );
    expect(() => kaimingUniform_(zeros([2, 2]), { nonlinearity: 'tanh' as never })).toThrow(
      "nonlinearity must be 'leakyRelu', 'relu' or 'linear', got 'tanh'",
    );
    expect(() => kaimingUniform_(zeros([2, 2]), { a: NaN })).toThrow(
      'kaimingUniform_: a must be a finite number, got NaN',
    );
  });
});
