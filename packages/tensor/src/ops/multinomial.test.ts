import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  Generator,
  createCpuBackend,
  defaultGenerator,
  full,
  manualSeed,
  multinomial,
  randn,
  tensor,
  zeros,
  type Tensor,
} from '../index';
import { orderTopK } from './order-top-k';

type FloatDType = 'float32' | 'float64';
/** JSON has no NaN or infinities: the generator writes them as strings. */
type JsonNumber = number | 'nan' | 'inf' | '-inf';

function fromJson(v: JsonNumber): number {
  return v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v;
}

interface MultinomialCall {
  op: 'multinomial';
  dtype: FloatDType;
  shape: number[];
  /** The weights, row-major; or `fill`, the value of every weight. */
  weights?: number[];
  fill?: number;
  layout: 'contiguous' | 'columns';
  numSamples: number;
  replacement: boolean;
  expected: number[] | number[][];
  after: number[];
}

interface ExponentialCall {
  op: 'exponential_';
  dtype: FloatDType;
  shape: number[];
  lambd: number;
  expected: number[];
  after: number[];
}

interface Stream {
  seed: number;
  generator: boolean;
  calls: (MultinomialCall | ExponentialCall)[];
}

const fixtures = JSON.parse(
  readFileSync(new URL('../fixtures/multinomial-fixtures.json', import.meta.url), 'utf8'),
) as {
  torch: string;
  cases: Stream[];
  topk: { values: JsonNumber[]; k: number; expected: number[] }[];
  errors: {
    weights: JsonNumber[] | JsonNumber[][] | JsonNumber[][][];
    numSamples: number;
    replacement: boolean;
    message: string;
  }[];
};

/** The fixture's weights as a tensor, column-major (a transposed contiguous one) if asked. */
function weightsTensor(c: MultinomialCall): Tensor {
  if (c.fill !== undefined) return full(c.shape, c.fill, { dtype: c.dtype });
  const weights = c.weights!;
  if (c.layout === 'contiguous') return tensor(weights, { dtype: c.dtype }).reshape(c.shape);
  const [rows, cols] = c.shape as [number, number];
  const transposed: number[] = [];
  for (let j = 0; j < cols; j++)
    for (let i = 0; i < rows; i++) transposed.push(weights[i * cols + j]!);
  const probs = tensor(transposed, { dtype: c.dtype }).reshape([cols, rows]).T;
  expect(probs.strides).toEqual([1, rows]);
  return probs;
}

/** Distance in units in the last place between two doubles of the same sign. */
function ulps(a: number, b: number): number {
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  const d = view.getBigInt64(0) - view.getBigInt64(8);
  return Number(d < 0n ? -d : d);
}

function runStream(stream: Stream): void {
  const generator = stream.generator ? new Generator(stream.seed) : undefined;
  if (!generator) manualSeed(stream.seed);
  const defaultBefore = defaultGenerator.getState();
  for (const [i, c] of stream.calls.entries()) {
    const label = `call ${i} (${c.op} ${c.dtype} [${c.shape.join(', ')}])`;
    if (c.op === 'multinomial') {
      const ids = multinomial(weightsTensor(c), c.numSamples, {
        replacement: c.replacement,
        ...(generator ? { generator } : {}),
      });
      expect(ids.dtype, label).toBe('int32');
      expect(ids.toArray(), label).toEqual(c.expected);
    } else {
      const values = zeros(c.shape, { dtype: c.dtype })
        .exponential_(c.lambd, generator ? { generator } : {})
        .dataSync();
      if (c.dtype === 'float32') {
        expect(Array.from(values), label).toEqual(c.expected);
      } else {
        // glibc's log is one ulp off the correctly rounded value for ~0.1% of inputs.
        let differ = 0;
        for (let j = 0; j < c.expected.length; j++) {
          const d = ulps(values[j]!, c.expected[j]!);
          expect(d, `${label} value ${j}`).toBeLessThanOrEqual(1);
          if (d !== 0) differ++;
        }
        expect(differ, label).toBeLessThanOrEqual(Math.max(1, c.expected.length / 200));
      }
    }
    // The generator must stand where PyTorch's does: the next randn(16) is the same.
    const next = generator ? new Float32Array(16) : randn([16]).dataSync();
    if (generator) generator.fillNormal(next as Float32Array); // what randn draws with it
    expect(Array.from(next), label).toEqual(c.after);
  }
  // A custom generator leaves the default one alone.
  if (generator) expect(defaultGenerator.getState()).toEqual(defaultBefore);
}

describe('multinomial makes the same draws as torch.multinomial (PyTorch 1.13, CPU)', () => {
  it('loads the fixtures', () => {
    expect(fixtures.torch).toMatch(/^1\.13/);
    expect(fixtures.cases.length).toBeGreaterThanOrEqual(9);
  });

  for (const stream of fixtures.cases) {
    const what = stream.calls.map((c) => c.op).includes('exponential_') ? ', edge cases' : '';
    it(`seed ${stream.seed}, ${stream.generator ? 'own Generator' : 'manualSeed'}${what}: ${stream.calls.length} calls`, () =>
      runStream(stream));
  }

  it('returns the shape of torch.multinomial and stays on the weights backend', () => {
    const backend = createCpuBackend({ wasm: false });
    const probs = tensor([[1, 2, 3]], { backend });
    const ids = multinomial(probs, 2);
    expect(ids.shape).toEqual([1, 2]);
    expect(ids.backend).toBe(backend);
    expect(multinomial(tensor([1, 2, 3]), 3).shape).toEqual([3]);
    expect(multinomial(zeros([0, 4]), 2).shape).toEqual([0, 2]);
  });

  it('has a method form that draws the same', () => {
    const probs = tensor([0.1, 0.2, 0.3, 0.4]);
    manualSeed(11);
    const a = multinomial(probs, 3).toArray();
    manualSeed(11);
    expect(probs.multinomial(3).toArray()).toEqual(a);
    manualSeed(11);
    expect(probs.multinomial(3, { replacement: true }).toArray()).not.toEqual(undefined);
  });
});

describe('the top-k order multinomial inherits from PyTorch CPU topk', () => {
  it(`matches torch.topk(values, k).indices on ${fixtures.topk.length} rows full of ties`, () => {
    for (const [i, row] of fixtures.topk.entries()) {
      const values = row.values.map(fromJson);
      const indices = Int32Array.from(values, (_, j) => j);
      orderTopK(Float64Array.from(values), indices, values.length, row.k, true, true);
      expect(Array.from(indices.subarray(0, row.k)), `row ${i}`).toEqual(row.expected);
    }
  });
});

describe('multinomial errors', () => {
  for (const e of fixtures.errors) {
    it(`says what PyTorch says: ${e.message}`, () => {
      const decode = (w: unknown): unknown =>
        Array.isArray(w) ? w.map(decode) : fromJson(w as JsonNumber);
      const probs = tensor(decode(e.weights) as number[]);
      const before = defaultGenerator.getState();
      expect(() => multinomial(probs, e.numSamples, { replacement: e.replacement })).toThrow(
        e.message,
      );
      expect(defaultGenerator.getState()).toEqual(before);
    });
  }

  it('refuses more samples than non-zero weights without replacement (PyTorch 1.13 CPU returns zero-weight ids)', () => {
    const before = defaultGenerator.getState();
    expect(() => multinomial(tensor([0, 10, 3, 0]), 3)).toThrow(
      'invalid multinomial distribution (with replacement=False, not enough non-negative category to sample): probs (shape [4]) has 2 non-zero weights but numSamples = 3',
    );
    expect(() =>
      multinomial(
        tensor([
          [1, 1, 1],
          [0, 1, 0],
        ]),
        2,
      ),
    ).toThrow(/row 1 of probs/);
    expect(defaultGenerator.getState()).toEqual(before);
    expect(multinomial(tensor([0, 10, 3, 0]), 3, { replacement: true }).shape).toEqual([3]);
  });

  it('names NaN as NaN with replacement and points at the entry', () => {
    expect(() =>
      multinomial(
        tensor([
          [1, 2],
          [3, NaN],
        ]),
        2,
        { replacement: true },
      ),
    ).toThrow(
      'invalid multinomial distribution (encountering probability entry = infinity or NaN): probs[1, 1] = NaN (shape [2,2])',
    );
    expect(() =>
      multinomial(
        tensor([
          [1, 2],
          [3, -4],
        ]),
        1,
      ),
    ).toThrow(
      'probability tensor contains either `inf`, `nan` or element < 0: probs[1, 1] = -4 (shape [2,2])',
    );
  });

  it('checks every row before drawing, so a bad later row leaves the generator untouched', () => {
    const g = new Generator(5);
    const before = g.getState();
    const probs = tensor([
      [1, 2],
      [0, 0],
    ]);
    expect(() => multinomial(probs, 3, { replacement: true, generator: g })).toThrow(
      /sum of probabilities <= 0\): row 1 of probs \(shape \[2,2\]\) is all zeros/,
    );
    expect(g.getState()).toEqual(before);
  });

  it('refuses a float32 sum that overflows instead of drawing from a broken distribution', () => {
    expect(() => multinomial(tensor([3e38, 3e38]), 2, { replacement: true })).toThrow(
      /sum to infinity in float32; scale them down .* or use float64/,
    );
    expect(
      multinomial(tensor([3e38, 3e38], { dtype: 'float64' }), 2, { replacement: true }).shape,
    ).toEqual([2]);
  });

  it('rejects bad arguments at the call', () => {
    const p = tensor([1, 2]);
    expect(() => multinomial(tensor([1, 2], { dtype: 'int32' }), 1)).toThrow(
      'multinomial only supports floating-point dtypes for input, got int32; convert the weights with .float()',
    );
    expect(() => multinomial(p, 1.5)).toThrow('expected numSamples to be an integer');
    expect(() => multinomial(p, 1, { replacment: true } as never)).toThrow(
      "multinomial: unknown option 'replacment'; did you mean 'replacement'?",
    );
    expect(() => multinomial(p, 1, { replacement: 1 } as never)).toThrow(
      'expected replacement to be a boolean',
    );
    expect(() => multinomial(p, 1, { generator: {} } as never)).toThrow(
      'expected generator to be a Generator',
    );
    expect(() => multinomial([1, 2] as never, 1)).toThrow('expected probs to be a Tensor');
    expect(() => multinomial(zeros([3, 0]), 1, { replacement: true })).toThrow(
      /row 0 of probs \(shape \[3,0\]\) has no categories/,
    );
  });
});

describe('exponential_', () => {
  it('refuses integer tensors, non-positive rates and views, and then draws nothing', () => {
    const before = defaultGenerator.getState();
    expect(() => zeros([3], { dtype: 'int32' }).exponential_()).toThrow(
      'exponential_: expected a floating point tensor, got int32',
    );
    expect(() => zeros([3]).exponential_(0)).toThrow('expects lambd > 0.0, but found lambd=0');
    expect(() => zeros([3]).exponential_(-1)).toThrow('found lambd=-1');
    expect(() => zeros([3]).exponential_(NaN)).toThrow('found lambd=NaN');
    expect(() => zeros([2, 3]).T.exponential_()).toThrow(
      'exponential_: in-place writes need a tensor that owns its whole storage',
    );
    expect(() => zeros([3]).exponential_(1, { generater: null } as never)).toThrow(
      "unknown option 'generater'",
    );
    expect(defaultGenerator.getState()).toEqual(before);
  });

  it('has the mean of Exp(lambd)', () => {
    const g = new Generator(1);
    const x = zeros([20000], { dtype: 'float64' }).exponential_(4, { generator: g });
    expect(x.mean().item()).toBeCloseTo(0.25, 2);
    expect(x.min().item()).toBeGreaterThanOrEqual(0);
  });
});
