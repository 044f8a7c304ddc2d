import { cat, noGrad, randn, type Tensor } from 'torchlet';

/** What {@link pca2d} returns. */
export interface Pca2d {
  /** The rows of `x`, centred and projected on the two components: `[N, 2]`. */
  readonly points: Tensor;
  /** The two principal directions, unit length, as rows: `[2, D]`. */
  readonly components: Tensor;
  /** The variance along each direction (the covariance's two largest eigenvalues). */
  readonly variances: [number, number];
}

/**
 * Principal component analysis down to 2 dims, by power iteration: the covariance of the
 * centred rows is multiplied into a random start vector until the direction settles (the top
 * eigenvector), that component is subtracted from the covariance (deflation), and the same gives
 * the second. Computed in float64; each direction's sign is fixed so its largest entry is
 * positive, so a run repeats exactly.
 *
 * @example
 * ```ts
 * const { points } = pca2d(model.inEmbed.weight.indexSelect(0, ids)); // [N, 2] for a scatter plot
 * ```
 */
export function pca2d(x: Tensor, options: { maxIterations?: number; tol?: number } = {}): Pca2d {
  const { maxIterations = 1000, tol = 1e-12 } = options;
  if (x.ndim !== 2 || x.shape[0] < 2 || x.shape[1] < 2) {
    throw new RangeError(
      `pca2d: expected x of shape [N, D] with N >= 2 and D >= 2, got [${x.shape.join(', ')}]`,
    );
  }
  return noGrad(() => {
    const data = x.to('float64');
    const centred = data.sub(data.mean(0, true));
    let cov = centred.T.matmul(centred).div(x.shape[0] - 1);
    const directions: Tensor[] = [];
    const variances: number[] = [];
    for (let c = 0; c < 2; c++) {
      let v = randn([x.shape[1], 1], { dtype: 'float64' });
      v = v.div(v.norm());
      let lambda = 0;
      for (let i = 0; i < maxIterations; i++) {
        const w = cov.matmul(v);
        const norm = w.norm().item();
        // A covariance with nothing left (all points on a line, say) has no second direction.
        if (norm === 0) break;
        const next = w.div(norm);
        const moved = next.sub(v).abs().max().item();
        v = next;
        lambda = norm;
        if (moved < tol) break;
      }
      // The sign of an eigenvector is arbitrary: make its largest entry positive.
      const flat = v.reshape([-1]);
      const largest = flat.abs().argmax().item();
      if (flat.select(0, largest).item() < 0) v = v.neg();
      directions.push(v.reshape([1, -1]));
      variances.push(lambda);
      cov = cov.sub(v.matmul(v.T).mul(lambda));
    }
    const components = cat(directions, 0);
    return {
      points: centred.matmul(components.T),
      components,
      variances: [variances[0], variances[1]],
    };
  });
}
