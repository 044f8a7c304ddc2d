import type { View } from '../../backend';
import type { DType, TypedArray } from '../../dtype';
import type { CpuAccelerator } from '../cpu-accelerator';
import { attentionMaskRows } from './attention-mask-rows';
import { attentionMatmul, contiguousView, transposedView } from './attention-matmul';

/**
 * The gradients of {@link attentionKernel}'s `q`, `k` and `v`. The probabilities are recomputed
 * from `q·kᵀ` and each row's saved log-sum-exp into one `[batch, L, S]` buffer, `dO·vᵀ` goes into
 * a second, and one pass along each row turns them into `P̃ = P∘drop` and
 * `dS = scale · P∘(dO·vᵀ∘drop − rowsum(dO∘O))`; then `dV = P̃ᵀ·dO`, `dQ = dS·k` and
 * `dK = dSᵀ·q` are gemms. With `causal`, keys after the query are skipped (written as 0), never
 * masked; rows that kept no key contribute nothing.
 *
 * @example
 * ```ts
 * const { gradQ, gradK, gradV } = attentionBackwardKernel(g, q, k, v, out, lse, null, null, { causal: true, scale: 0.25 }, 'float32');
 * ```
 */
export function attentionBackwardKernel(
  grad: View<TypedArray>,
  q: View<TypedArray>,
  k: View<TypedArray>,
  v: View<TypedArray>,
  output: View<TypedArray>,
  logSumExp: View<TypedArray>,
  mask: View<TypedArray> | null,
  dropout: View<TypedArray> | null,
  options: { readonly causal: boolean; readonly scale: number },
  dtype: DType,
  accelerator?: CpuAccelerator,
) {
  const [batch, L] = q.shape;
  const S = k.shape[1];
  const Ev = v.shape[2];
  const { causal, scale } = options;
  const P = attentionMatmul(q, transposedView(k), dtype, accelerator);
  const dS = attentionMatmul(grad, transposedView(v), dtype, accelerator);
  const G = grad.buffer;
  const O = output.buffer;
  const LSE = logSumExp.buffer;
  const m = mask === null ? null : attentionMaskRows(mask, batch);
  const D = dropout === null ? null : dropout.buffer;
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < L; i++) {
      const r = b * L + i;
      const x = r * S;
      const lse = LSE[logSumExp.offset + r];
      const n = lse === -Infinity ? 0 : causal ? Math.min(i + 1, S) : S;
      // Keys after the query (causal), and every key of a row that kept none, pass nothing.
      P.fill(0, x + n, x + S);
      dS.fill(0, x + n, x + S);
      if (n === 0) continue;
      const gi = grad.offset + r * Ev;
      const oi = output.offset + r * Ev;
      let rowDot = 0;
      for (let e = 0; e < Ev; e++) rowDot += G[gi + e] * O[oi + e];
      const mi = m === null ? 0 : m.base[b] + i * m.rowStride;
      const di = dropout === null ? 0 : dropout.offset + x;
      for (let j = 0; j < n; j++) {
        let s = P[x + j] * scale;
        if (m !== null) {
          const mv = m.values[mi + j * m.colStride];
          if (m.bool) {
            if (mv === 0) s = -Infinity;
          } else s += mv;
        }
        const p = Math.exp(s - lse);
        const drop = D === null ? 1 : D[di + j];
        dS[x + j] = scale * p * (dS[x + j] * drop - rowDot);
        P[x + j] = p * drop;
      }
    }
  }
  const probs = contiguousView(P, dtype, batch, L, S);
  const dScores = contiguousView(dS, dtype, batch, L, S);
  return {
    gradQ: attentionMatmul(dScores, k, dtype, accelerator),
    gradK: attentionMatmul(transposedView(dScores), q, dtype, accelerator),
    gradV: attentionMatmul(transposedView(probs), grad, dtype, accelerator),
  };
}
