/** Naive batched matmul with the rounding slack of each output's dot product. */
export const referenceMatmul = (
  a: readonly number[],
  b: readonly number[],
  batch: number,
  m: number,
  k: number,
  n: number,
  u: number,
): { values: number[]; slack: number[] } => {
  const values: number[] = [];
  const slack: number[] = [];
  for (let t = 0; t < batch; t++) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        let magnitude = 0;
        for (let p = 0; p < k; p++) {
          const term = a[(t * m + i) * k + p] * b[(t * k + p) * n + j];
          s += term;
          magnitude += Math.abs(term);
        }
        values.push(s);
        slack.push(k * u * magnitude);
      }
    }
  }
  return { values, slack };
};
