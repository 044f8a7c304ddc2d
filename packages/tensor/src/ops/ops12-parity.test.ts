import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  chunk,
  maskedFill,
  split,
  tensor,
  topk,
  tril,
  triu,
  type DType,
  type Tensor,
} from '../index';
import { orderTopK } from './order-top-k';

// PyTorch 1.13's results (fixtures/gen-ops12-fixtures.py); the numbers are read, never copied.
interface FixtureArray {
  shape: number[];
  dtype: string;
  data: (number | boolean | string)[];
}
interface GradCase {
  name: string;
  op: string;
  attrs: Record<string, unknown>;
  inputs: FixtureArray[];
  outputs: FixtureArray[];
}
interface OrderCase {
  digits?: string;
  values?: number[];
  k: number;
  largest: boolean;
  sorted: boolean;
  indices: number[];
}
interface SplitCase {
  op: 'split' | 'chunk';
  size: number;
  arg: number | number[];
  sizes?: number[];
  error?: string;
}
const fixtures = JSON.parse(
  readFileSync(new URL('../fixtures/ops12-fixtures.json', import.meta.url), 'utf8'),
) as { grad: GradCase[]; topkOrder: OrderCase[]; splits: SplitCase[] };

const decode = (v: unknown): number | boolean =>
  v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : (v as number | boolean);
const dtypeOf = (a: FixtureArray): DType => (a.dtype === 'int64' ? 'int32' : (a.dtype as DType));
const build = (a: FixtureArray): Tensor =>
  tensor(a.data.map(decode) as number[], { dtype: dtypeOf(a) }).reshape(a.shape);

/** Same shape, dtype and values (NaN equal to NaN; floats within 1e-6). */
function expectMatches(actual: Tensor, expected: FixtureArray, what: string): void {
  expect(actual.shape, `${what} shape`).toEqual(expected.shape);
  expect(actual.dtype, `${what} dtype`).toBe(dtypeOf(expected));
  const got = Array.from(actual.dataSync());
  const want = expected.data.map((v) => Number(decode(v)));
  got.forEach((g, i) => {
    const w = want[i];
    if (Number.isNaN(w) || !Number.isFinite(w)) expect(g, `${what}[${i}]`).toBe(w);
    else expect(Math.abs(g - w), `${what}[${i}]: ${g} vs ${w}`).toBeLessThanOrEqual(1e-6);
  });
}

/** The torchlet call for each op of the fixture. */
function run(c: GradCase): Tensor[] {
  const xs = c.inputs.map(build);
  const a = c.attrs;
  switch (c.op) {
    case 'tril':
      return [tril(xs[0], a.diagonal as number)];
    case 'triu':
      return [triu(xs[0], a.diagonal as number)];
    case 'maskedFill':
      return [maskedFill(xs[0], xs[1], xs[2] ?? (decode(a.value) as number))];
    case 'topk': {
      const { values, indices } = topk(xs[0], a.k as number, {
        dim: a.dim as number,
        largest: a.largest as boolean,
        sorted: a.sorted as boolean,
      });
      return [values, indices];
    }
    case 'split':
      return split(xs[0], a.arg as number | number[], a.dim as number);
    case 'chunk':
      return chunk(xs[0], a.arg as number, a.dim as number);
    default:
      return [];
  }
}

const tensorOps = new Set(['tril', 'triu', 'maskedFill', 'topk', 'split', 'chunk']);

describe('tril, triu, maskedFill, topk, split, chunk: values as PyTorch 1.13 gives them', () => {
  const cases = fixtures.grad.filter((c) => tensorOps.has(c.op));
  it('covers every op', () => {
    expect(new Set(cases.map((c) => c.op))).toEqual(tensorOps);
  });
  for (const c of cases) {
    it(c.name, () => {
      const outs = run(c);
      expect(outs).toHaveLength(c.outputs.length);
      outs.forEach((o, i) => expectMatches(o, c.outputs[i], `output ${i}`));
    });
  }
});

describe('topk picks ties and NaNs in the order PyTorch does', () => {
  const rows = fixtures.topkOrder;
  it(`all ${rows.length} rows, both algorithms (k * 64 <= n and not)`, () => {
    expect(rows.some((r) => r.k * 64 <= (r.digits ?? r.values!).length)).toBe(true);
    expect(rows.some((r) => r.k * 64 > (r.digits ?? r.values!).length)).toBe(true);
    for (const r of rows) {
      const values = r.digits
        ? Array.from(r.digits, (ch) => (ch === 'n' ? NaN : Number(ch)))
        : r.values!;
      const { indices } = topk(tensor(values), r.k, { largest: r.largest, sorted: r.sorted });
      const label = `n=${values.length} k=${r.k} largest=${r.largest} sorted=${r.sorted}`;
      expect(Array.from(indices.dataSync()), label).toEqual(r.indices);
    }
  });

  it('orders the same rows on its own (the kernel the op calls)', () => {
    const r = fixtures.topkOrder.find((o) => o.digits !== undefined && o.digits.length >= 1000)!;
    const n = r.digits!.length;
    const values = Float64Array.from(r.digits!, (ch) => (ch === 'n' ? NaN : Number(ch)));
    const indices = Int32Array.from({ length: n }, (_, i) => i);
    orderTopK(values, indices, n, r.k, r.largest, r.sorted);
    expect(Array.from(indices.subarray(0, r.k))).toEqual(r.indices);
  });
});

describe('split and chunk cut the sizes PyTorch cuts', () => {
  for (const c of fixtures.splits) {
    it(`${c.op}(size ${c.size}, ${JSON.stringify(c.arg)})`, () => {
      const x = tensor(Array.from({ length: c.size }, (_, i) => i));
      const call = () => (c.op === 'split' ? split(x, c.arg) : chunk(x, c.arg as number));
      if (c.error !== undefined) {
        // torchlet quotes PyTorch's message after the op's name (and adds the shape or the fix).
        expect(call).toThrow(`${c.op}: ${c.error.replace(`${c.op} `, '')}`);
        return;
      }
      const pieces = call();
      expect(pieces.map((p) => p.shape[0])).toEqual(c.sizes);
      // The pieces are views that tile the input in order.
      expect(pieces.flatMap((p) => Array.from(p.dataSync()))).toEqual(
        Array.from({ length: c.size }, (_, i) => i),
      );
      for (const p of pieces) expect(p.storage).toBe(x.storage);
    });
  }
});
