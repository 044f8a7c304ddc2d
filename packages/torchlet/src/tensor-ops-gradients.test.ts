import { readFileSync } from 'node:fs';
import { parityError } from '@torchlet/tensor/testing';
import { describe, expect, it } from 'vitest';
import * as torchlet from './index';
import {
  autograd,
  chunk,
  functional as F,
  manualSeed,
  maskedFill,
  nn,
  randn,
  split,
  tensor,
  topk,
  tril,
  triu,
  type DType,
  type Tensor,
} from './index';

// The gradients of tensor's tril, triu, maskedFill, topk, split and chunk need autograd, which
// tensor's own tests cannot import; they are checked here, against the PyTorch 1.13 traces of
// packages/tensor/src/fixtures/gen-ops12-fixtures.py (its values are checked in tensor).
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
  upstream: FixtureArray | null;
  grads: (FixtureArray | null)[];
}
const fixtures = JSON.parse(
  readFileSync(new URL('../../tensor/src/fixtures/ops12-fixtures.json', import.meta.url), 'utf8'),
) as { grad: GradCase[] };

const decode = (v: unknown): number =>
  v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : Number(v);
const dtypeOf = (a: FixtureArray): DType => (a.dtype === 'int64' ? 'int32' : (a.dtype as DType));
const isFloat = (a: FixtureArray) => a.dtype === 'float32' || a.dtype === 'float64';
const build = (a: FixtureArray): Tensor => {
  const t = tensor(a.data.map(decode), { dtype: dtypeOf(a) }).reshape(a.shape);
  return isFloat(a) ? t.requiresGrad_() : t;
};

/** The torchlet call for each op; the first output is the one PyTorch backpropagated. */
function firstOutput(c: GradCase, xs: Tensor[]): Tensor {
  const a = c.attrs;
  switch (c.op) {
    case 'tril':
      return tril(xs[0], a.diagonal as number);
    case 'triu':
      return triu(xs[0], a.diagonal as number);
    case 'maskedFill':
      return maskedFill(xs[0], xs[1], xs[2] ?? decode(a.value));
    case 'topk':
      return topk(xs[0], a.k as number, {
        dim: a.dim as number,
        largest: a.largest as boolean,
        sorted: a.sorted as boolean,
      }).values;
    case 'split':
      return split(xs[0], a.arg as number | number[], a.dim as number)[0];
    default:
      return chunk(xs[0], a.arg as number, a.dim as number)[0];
  }
}

const ops = new Set(['tril', 'triu', 'maskedFill', 'topk', 'split', 'chunk']);

describe('gradients of tril, triu, maskedFill, topk, split, chunk match PyTorch 1.13', () => {
  const cases = fixtures.grad.filter((c) => ops.has(c.op) && c.upstream !== null);
  it('cover every op', () => {
    expect(new Set(cases.map((c) => c.op))).toEqual(ops);
  });
  for (const c of cases) {
    it(`${c.name}: input gradients within 1e-6`, () => {
      const xs = c.inputs.map(build);
      const out = firstOutput(c, xs);
      out.backward(build(c.upstream!).detach());
      c.grads.forEach((g, i) => {
        if (g === null) return;
        expect(xs[i].grad, `input ${i}`).not.toBeNull();
        expect(parityError(xs[i].grad!.dataSync(), g.data.map(decode))).toBeLessThan(1e-6);
      });
    });
  }
});

describe('gradcheck (float64)', () => {
  const f64 = (shape: number[]) => randn(shape, { dtype: 'float64', requiresGrad: true });

  it('tril and triu, with batch dims and both signs of diagonal', () => {
    manualSeed(5);
    expect(autograd.gradcheck((x) => tril(x, 1), [f64([2, 3, 4])])).toBe(true);
    expect(autograd.gradcheck((x) => triu(x, -1), [f64([4, 3])])).toBe(true);
  });

  it('maskedFill: zero where filled, the sum of the rest for a 0-d value', () => {
    manualSeed(6);
    const mask = tensor([
      [true, false, false],
      [false, true, true],
    ]);
    const value = randn([], { dtype: 'float64', requiresGrad: true });
    expect(autograd.gradcheck((x, v) => maskedFill(x, mask, v), [f64([2, 3]), value])).toBe(true);
    expect(autograd.gradcheck((x) => x.maskedFill(mask, -1), [f64([4, 2, 3])])).toBe(true);
    // x broadcast to the mask's bigger shape: its gradient sums over the new dim.
    expect(autograd.gradcheck((x) => x.maskedFill(mask, 0), [f64([3])])).toBe(true);
  });

  it('topk: the gradient lands on the picked positions only', () => {
    manualSeed(7);
    expect(autograd.gradcheck((x) => topk(x, 3).values, [f64([4, 9])])).toBe(true);
    expect(
      autograd.gradcheck((x) => topk(x, 2, { dim: 0, largest: false }).values, [f64([5, 3])]),
    ).toBe(true);
    const x = tensor([3, 1, 2], { requiresGrad: true });
    const { values, indices } = topk(x, 2);
    expect(indices.requiresGrad).toBe(false);
    values.sum().backward();
    expect(x.grad!.toArray()).toEqual([1, 0, 1]);
  });

  it('split and chunk pieces send their gradients to their slices', () => {
    manualSeed(8);
    const pieces = (x: Tensor) => [...split(x, [1, 3], 1), ...chunk(x, 2, 0)];
    expect(autograd.gradcheck(pieces, [f64([3, 4])])).toBe(true);
  });
});

describe('the umbrella exports the new ops where PyTorch has them', () => {
  it('torch.*, the Tensor methods and nn.functional', () => {
    for (const name of ['tril', 'triu', 'maskedFill', 'topk', 'split', 'chunk'] as const) {
      expect(typeof torchlet[name]).toBe('function');
      expect(typeof torchlet.Tensor.prototype[name]).toBe('function');
    }
    expect(F.cosineSimilarity).toBe(torchlet.cosineSimilarity);
    expect(nn.functional.normalize).toBe(torchlet.normalize);
  });
});
