import { manualSeed, tensor } from 'torchlet';
import { describe, expect, it } from 'vitest';
import { pca2d } from './pca-2d';

describe('pca2d', () => {
  it('finds the two directions of largest variance of rotated data, with their variances', () => {
    // A cross in 3-D: ±3 along e1, ±1 along e2, then rotated by R, whose rows are the expected
    // components. Centred already; covariance R^T diag(6, 2/3, 0) R.
    const c = Math.cos(0.6);
    const s = Math.sin(0.6);
    const r = [
      [c * 0.8, s * 0.8, 0.6],
      [s, -c, 0],
      [-c * 0.6, -s * 0.6, 0.8],
    ];
    const local = [
      [3, 0, 0],
      [-3, 0, 0],
      [0, 1, 0],
      [0, -1, 0],
    ];
    const x = tensor(local, { dtype: 'float64' }).matmul(tensor(r, { dtype: 'float64' }));
    manualSeed(0);
    const { points, components, variances } = pca2d(x);
    expect(variances[0]).toBeCloseTo(6, 9);
    expect(variances[1]).toBeCloseTo(2 / 3, 9);
    // Each component's sign makes its largest entry positive: R's second row comes back negated.
    const expected = [r[0], r[1].map((v) => -v)];
    (components.toArray() as number[][]).forEach((row, i) =>
      row.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 6)),
    );
    const projected = [
      [3, 0],
      [-3, 0],
      [0, -1],
      [0, 1],
    ];
    (points.toArray() as number[][]).forEach((row, i) =>
      row.forEach((v, j) => expect(v).toBeCloseTo(projected[i][j], 5)),
    );
  });

  it('centres the data first, and gives the same answer from any random start', () => {
    const x = tensor([
      [11, 20],
      [13, 24],
      [15, 28],
      [10, 19],
    ]);
    manualSeed(1);
    const a = pca2d(x);
    manualSeed(2);
    const b = pca2d(x);
    const [ca, cb] = [a.components.toArray() as number[][], b.components.toArray() as number[][]];
    ca.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(cb[i][j], 9)));
    const mean = [12.25, 22.75];
    const proj = (a.points.toArray() as number[][]).map((p) => p[0]);
    const dir = a.components.toArray() as number[][];
    // Projections on the first component are the centred rows dotted with it.
    (x.toArray() as number[][]).forEach((row, i) =>
      expect(proj[i]).toBeCloseTo(
        (row[0] - mean[0]) * dir[0][0] + (row[1] - mean[1]) * dir[0][1],
        9,
      ),
    );
  });

  it('rejects input that is not a matrix of at least 2 rows and 2 columns', () => {
    expect(() => pca2d(tensor([1, 2, 3]))).toThrow(
      'pca2d: expected x of shape [N, D] with N >= 2 and D >= 2, got [3]',
    );
    expect(() => pca2d(tensor([[1, 2]]))).toThrow('got [1, 2]');
  });
});
