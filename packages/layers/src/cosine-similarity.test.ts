import { readFileSync } from 'node:fs';
import { gradcheck } from '@torchlet/autograd';
import { parityError } from '@torchlet/tensor/testing';
import { manualSeed, randn, tensor, zeros, type DType, type Tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { cosineSimilarity, normalize } from './index';

// PyTorch 1.13's results, written by tensor's fixtures/gen-ops12-fixtures.py.
interface FixtureArray {
  shape: number[];
  dtype: string;
  data: (number | string)[];
}
interface GradCase {
  name: string;
  op: string;
  attrs: Record<string, number | string>;
  inputs: FixtureArray[];
  outputs: FixtureArray[];
  upstream: FixtureArray;
  grads: FixtureArray[];
}
const fixtures = JSON.parse(
  readFileSync(new URL('../../tensor/src/fixtures/ops12-fixtures.json', import.meta.url), 'utf8'),
) as { grad: GradCase[]; errors: Record<string, string> };

const decode = (v: number | string): number =>
  v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : (v as number);
const build = (a: FixtureArray, requiresGrad = false): Tensor =>
  tensor(a.data.map(decode), { dtype: a.dtype as DType })
    .reshape(a.shape)
    .requiresGrad_(requiresGrad);

const ops: Record<string, (xs: Tensor[], attrs: GradCase['attrs']) => Tensor> = {
  cosineSimilarity: ([a, b], { dim, eps }) =>
    cosineSimilarity(a, b, { dim: dim as number, eps: eps as number }),
  normalize: ([x], { p, dim, eps }) =>
    normalize(x, { p: decode(p), dim: dim as number, eps: eps as number }),
};

describe('cosineSimilarity and normalize: values and gradients as PyTorch 1.13 gives them', () => {
  const cases = fixtures.grad.filter((c) => c.op in ops);
  it('cover both ops', () => {
    expect(new Set(cases.map((c) => c.op))).toEqual(new Set(Object.keys(ops)));
  });
  for (const c of cases) {
    it(`${c.name}: within 1e-6`, () => {
      const xs = c.inputs.map((a) => build(a, true));
      const out = ops[c.op](xs, c.attrs);
      expect(out.shape).toEqual(c.outputs[0].shape);
      expect(out.dtype).toBe(c.outputs[0].dtype);
      expect(parityError(out.dataSync(), c.outputs[0].data.map(decode))).toBeLessThan(1e-6);
      out.backward(build(c.upstream));
      xs.forEach((x, i) => {
        expect(parityError(x.grad!.dataSync(), c.grads[i].data.map(decode))).toBeLessThan(1e-6);
      });
    });
  }
});

describe('cosineSimilarity', () => {
  it('floors each norm on its own (PyTorch 1.13), not their product', () => {
    // ‖x1‖·‖x2‖ = 1e-10 < eps, but each norm is above it: the vectors are parallel.
    const x = tensor([[1e-5, 0]], { dtype: 'float64' });
    expect(cosineSimilarity(x, x).item()).toBeCloseTo(1, 12);
    expect(cosineSimilarity(zeros([1, 3]), tensor([[1, 2, 3]])).item()).toBe(0);
  });

  it('broadcasts and drops dim', () => {
    manualSeed(0);
    const out = cosineSimilarity(randn([3, 1, 4]), randn([5, 4]), { dim: -1 });
    expect(out.shape).toEqual([3, 5]);
  });

  it('passes gradcheck in float64, a zero vector included', () => {
    manualSeed(1);
    const a = randn([3, 5], { dtype: 'float64', requiresGrad: true });
    const b = randn([5], { dtype: 'float64', requiresGrad: true });
    expect(gradcheck((p, q) => cosineSimilarity(p, q, { dim: -1 }), [a, b])).toBe(true);
    // At a zero vector the floor's straight-through gradient is the true one (x1 = 0 kills the
    // extra term); elsewhere below the floor it is PyTorch's, not the derivative of the value.
    const zero = zeros([1, 3], { dtype: 'float64', requiresGrad: true });
    const c = tensor([[1, 2, 3]], { dtype: 'float64', requiresGrad: true });
    expect(gradcheck((p, q) => cosineSimilarity(p, q, { eps: 1e-3 }), [zero, c])).toBe(true);
  });

  it('names the op, the shapes and the fix in its errors', () => {
    expect(() =>
      cosineSimilarity(tensor([[1, 2]], { dtype: 'int32' }), tensor([[1, 2]], { dtype: 'int32' })),
    ).toThrow(
      /cosineSimilarity: expected common dtype to be floating point, yet common dtype is int32 .*\.float\(\)/,
    );
    expect(fixtures.errors['cosineSimilarity int']).toMatch(
      /expected common dtype to be floating point, yet common dtype is/,
    );
    expect(() => cosineSimilarity(zeros([2, 3]), zeros([2, 4]))).toThrow(
      /cosineSimilarity: shapes \[2,3\] and \[2,4\] cannot be broadcast together/,
    );
    expect(() => cosineSimilarity(zeros([3]), zeros([3]))).toThrow(
      /cosineSimilarity: dimension out of range \(expected to be in range of \[-1, 0\], but got 1\)/,
    );
    expect(() => cosineSimilarity(zeros([1, 3]), zeros([1, 3]), { eps: -1 })).toThrow(
      /cosineSimilarity: eps must be a finite number >= 0, got -1/,
    );
    expect(() => cosineSimilarity(zeros([1, 3]), zeros([1, 3]), { axis: 1 } as never)).toThrow(
      /cosineSimilarity: unknown option 'axis'/,
    );
    expect(() => cosineSimilarity(zeros([1, 3]), [[1, 2, 3]] as never)).toThrow(
      /cosineSimilarity: expected x2 to be a Tensor, got an array/,
    );
  });
});

describe('normalize', () => {
  it('divides by the p-norm, floored at eps', () => {
    expect(normalize(tensor([[3, 4]])).toArray()).toEqual([
      [0.6000000238418579, 0.800000011920929],
    ]);
    expect(normalize(zeros([2, 2]), { dim: -1 }).toArray()).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(normalize(tensor([[3, -4]]), { p: Infinity }).toArray()).toEqual([[0.75, -1]]);
  });

  it('passes gradcheck in float64 for p = 2, 1, 3 and Infinity and over two dims', () => {
    manualSeed(2);
    for (const p of [2, 1, 3, Infinity]) {
      const x = randn([3, 4], { dtype: 'float64', requiresGrad: true });
      expect(gradcheck((a) => normalize(a, { p }), [x])).toBe(true);
    }
    const y = randn([2, 3, 2], { dtype: 'float64', requiresGrad: true });
    expect(gradcheck((a) => normalize(a, { dim: [1, 2] }), [y])).toBe(true);
  });

  it('names the op and the fix in its errors', () => {
    expect(() => normalize(tensor([[1, 2]], { dtype: 'int32' }))).toThrow(
      /normalize: expected input of a floating point dtype, got int32; convert it with \.float\(\)/,
    );
    expect(() => normalize(tensor([3, 4]))).toThrow(
      /normalize: dimension out of range \(expected to be in range of \[-1, 0\], but got 1\)/,
    );
    expect(() => normalize(tensor([[3, 4]]), { p: 0 })).toThrow(
      /normalize: p must be a number > 0 or ±Infinity, got 0/,
    );
    expect(() => normalize(tensor([[3, 4]]), { eps: NaN })).toThrow(
      /normalize: eps must be a finite number >= 0/,
    );
    expect(() => normalize(tensor([[3, 4]]), { keepdim: true } as never)).toThrow(
      /normalize: unknown option 'keepdim'/,
    );
  });
});
