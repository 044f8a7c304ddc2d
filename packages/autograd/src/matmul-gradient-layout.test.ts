import { cpuBackend, manualSeed, randn, type Backend, type TypedArray } from '@torchlet/tensor';
import { beforeEach, describe, expect, it } from 'vitest';
import { gradcheck, gradgradcheck } from './index';

beforeEach(() => manualSeed(5));

/** The CPU backend, counting its `copy` kernel: every strided-to-contiguous copy goes through it. */
function countingBackend(): { backend: Backend<TypedArray>; copies: () => number } {
  let copies = 0;
  const backend: Backend<TypedArray> = {
    ...cpuBackend,
    copy(x, dtype) {
      copies++;
      return cpuBackend.copy(x, dtype);
    },
  };
  return { backend, copies: () => copies };
}

describe("matmul's gradient in its input's layout", () => {
  it("Linear's x·Wᵀ hands W a contiguous gradient, equal to gᵀ·x, with no copy", () => {
    const { backend, copies } = countingBackend();
    const x = randn([5, 3], { backend });
    const w = randn([4, 3], { backend, requiresGrad: true });
    const g = randn([5, 4], { backend });
    x.matmul(w.T).mul(g).sum().backward();
    expect(copies()).toBe(0);
    expect(w.grad!.isContiguous()).toBe(true);
    expect(w.grad!.shape).toEqual([4, 3]);
    const want = g.T.matmul(x).toArray() as number[][];
    const got = w.grad!.toArray() as number[][];
    got.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(want[i][j], 5)));
  });

  it('a transposed left operand gets its gradient as the transpose of a contiguous product', () => {
    const { backend, copies } = countingBackend();
    const base = randn([3, 5], { backend, requiresGrad: true });
    const w = randn([3, 4], { backend });
    const g = randn([5, 4], { backend });
    base.T.matmul(w).mul(g).sum().backward();
    expect(copies()).toBe(0);
    expect(base.grad!.isContiguous()).toBe(true);
    const want = w.matmul(g.T).toArray() as number[][];
    const got = base.grad!.toArray() as number[][];
    got.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(want[i][j], 5)));
  });

  it('passes gradcheck and gradgradcheck in every layout, batched too', () => {
    const f64 = { dtype: 'float64', requiresGrad: true } as const;
    const a = randn([3, 4], f64);
    const b = randn([2, 4], f64); // used as b.T: [4, 2]
    expect(gradcheck((p, q) => p.matmul(q.T), [a, b])).toBe(true);
    expect(gradgradcheck((p, q) => p.matmul(q.T), [a, b])).toBe(true);
    const c = randn([4, 3], f64); // used as c.T: [3, 4]
    expect(gradcheck((p, q) => p.T.matmul(q.T), [c, b])).toBe(true);
    const batched = randn([2, 3, 4], f64);
    const bb = randn([2, 5, 4], f64);
    expect(gradcheck((p, q) => p.matmul(q.mT), [batched, bb])).toBe(true);
    const other = randn([2, 5, 4], f64);
    expect(gradcheck((p, q) => p.mT.matmul(q), [bb, other])).toBe(true);
    expect(gradgradcheck((p, q) => p.mT.matmul(q), [bb, other])).toBe(true);
  });
});
