import { describe, expect, it } from 'vitest';
import { matmul, randn, tensor, type Tensor } from '../index';

function naive(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
}

function expectClose(actual: Tensor, expected: number[][]): void {
  const got = actual.toArray() as number[][];
  expected.forEach((row, i) => row.forEach((v, j) => expect(got[i][j]).toBeCloseTo(v, 4)));
}

describe('matmul', () => {
  it('multiplies 2-D matrices, including transposed views', () => {
    const a = randn([7, 5]);
    const b = randn([5, 3]);
    const A = a.toArray() as number[][];
    const B = b.toArray() as number[][];
    expectClose(matmul(a, b), naive(A, B));
    expectClose(a.T.matmul(a), naive(a.T.toArray() as number[][], A));
    expectClose(b.T.matmul(a.T), naive(b.T.toArray() as number[][], a.T.toArray() as number[][]));
  });

  it('follows PyTorch for 1-D operands', () => {
    expect(matmul(tensor([1, 2, 3]), tensor([4, 5, 6])).shape).toEqual([]);
    expect(matmul(tensor([1, 2, 3]), tensor([4, 5, 6])).item()).toBe(32);
    expect(
      matmul(
        tensor([1, 2]),
        tensor([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      ).toArray(),
    ).toEqual([9, 12, 15]);
    expect(
      matmul(
        tensor([
          [1, 2],
          [3, 4],
        ]),
        tensor([1, 1]),
      ).toArray(),
    ).toEqual([3, 7]);
    expect(matmul(randn([4, 2, 3]), randn([3])).shape).toEqual([4, 2]);
    expect(matmul(randn([3]), randn([4, 3, 2])).shape).toEqual([4, 2]);
  });

  it('broadcasts batch dims', () => {
    expect(matmul(randn([10, 3, 4]), randn([4, 5])).shape).toEqual([10, 3, 5]);
    expect(matmul(randn([2, 1, 3, 4]), randn([5, 4, 6])).shape).toEqual([2, 5, 3, 6]);
    const a = randn([2, 3, 4]);
    const b = randn([4, 2]);
    const out = matmul(a, b);
    for (let i = 0; i < 2; i++) {
      expectClose(
        out.select(0, i),
        naive(a.select(0, i).toArray() as number[][], b.toArray() as number[][]),
      );
    }
  });

  it('names the shapes when they cannot be multiplied', () => {
    expect(() => matmul(randn([8, 4]), randn([5, 2]))).toThrow(
      'matmul: shapes [8,4] and [5,2] cannot be multiplied (4 != 5)',
    );
    expect(() => matmul(randn([3]), randn([4]))).toThrow(
      'matmul: shapes [3] and [4] cannot be multiplied (3 != 4)',
    );
    expect(() => matmul(randn([2, 3, 4]), randn([3, 4, 5]))).toThrow(
      'matmul: batch dimensions of [2,3,4] and [3,4,5] cannot be broadcast ([2] vs [3]); make them equal, or 1',
    );
    expect(() => matmul(tensor(1), randn([2]))).toThrow(/at least 1 dimension/);
  });

  it('multiplies int32 matrices exactly', () => {
    const a = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { dtype: 'int32' },
    );
    expect(matmul(a, a).dtype).toBe('int32');
    expect(matmul(a, a).toArray()).toEqual([
      [7, 10],
      [15, 22],
    ]);
  });
});
