/** One attention problem in plain numbers, for {@link referenceAttention}. */
export interface AttentionProblem {
  batch: number;
  L: number;
  S: number;
  E: number;
  Ev: number;
  /** Row-major `[batch, L, E]`, `[batch, S, E]`, `[batch, S, Ev]`. */
  q: readonly number[];
  k: readonly number[];
  v: readonly number[];
  /** The additive mask at `(b, i, j)` (−∞ for a key that takes no part), or null for none. */
  mask: ((b: number, i: number, j: number) => number) | null;
  /** Row-major `[batch, L, S]` multipliers of the probabilities, or null. */
  dropout: readonly number[] | null;
  causal: boolean;
  scale: number;
  /** The output's gradient, row-major `[batch, L, Ev]`. */
  grad: readonly number[];
}

/**
 * Attention and its gradients in float64, the textbook way: each row's full probability vector,
 * `dP = dO·vᵀ`, `dS = P ∘ (dP − Σ P∘dP)`. Rows that keep no key give 0 and pass nothing back.
 */
export function referenceAttention(p: AttentionProblem) {
  const { batch, L, S, E, Ev, q, k, v, mask, dropout, causal, scale, grad } = p;
  const output = new Array<number>(batch * L * Ev).fill(0);
  const logSumExp = new Array<number>(batch * L).fill(-Infinity);
  const gradQ = new Array<number>(batch * L * E).fill(0);
  const gradK = new Array<number>(batch * S * E).fill(0);
  const gradV = new Array<number>(batch * S * Ev).fill(0);
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < L; i++) {
      const r = b * L + i;
      const s = Array.from({ length: S }, (_, j) => {
        if (causal && j > i) return -Infinity;
        let dot = 0;
        for (let e = 0; e < E; e++) dot += q[r * E + e] * k[(b * S + j) * E + e];
        return dot * scale + (mask === null ? 0 : mask(b, i, j));
      });
      const max = Math.max(...s);
      if (max === -Infinity) continue;
      const lse = max + Math.log(s.reduce((a, x) => a + Math.exp(x - max), 0));
      logSumExp[r] = lse;
      const prob = s.map((x) => Math.exp(x - lse));
      const d = (j: number) => (dropout === null ? 1 : dropout[r * S + j]);
      const dp = prob.map((_, j) => {
        let dot = 0;
        for (let e = 0; e < Ev; e++) dot += grad[r * Ev + e] * v[(b * S + j) * Ev + e];
        return dot * d(j);
      });
      const weighted = prob.reduce((a, x, j) => a + x * dp[j], 0);
      for (let j = 0; j < S; j++) {
        for (let e = 0; e < Ev; e++) {
          output[r * Ev + e] += prob[j] * d(j) * v[(b * S + j) * Ev + e];
          gradV[(b * S + j) * Ev + e] += prob[j] * d(j) * grad[r * Ev + e];
        }
        const ds = prob[j] * (dp[j] - weighted) * scale;
        for (let e = 0; e < E; e++) {
          gradQ[r * E + e] += ds * k[(b * S + j) * E + e];
          gradK[(b * S + j) * E + e] += ds * q[r * E + e];
        }
      }
    }
  }
  return { output, logSumExp, gradQ, gradK, gradV };
}
