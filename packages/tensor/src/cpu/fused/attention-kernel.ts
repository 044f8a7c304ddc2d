import type { View } from '../../backend';
import { allocTyped, type DType, type TypedArray } from '../../dtype';
import type { CpuAccelerator } from '../cpu-accelerator';
import { attentionMaskRows } from './attention-mask-rows';
import { attentionMatmul, contiguousView, transposedView } from './attention-matmul';

/**
 * Scaled dot-product attention over contiguous `q` `[batch, L, E]`, `k` `[batch, S, E]` and
 * `v` `[batch, S, Ev]`. One `[batch, L, S]` buffer holds the scores (`q·kᵀ` on the accelerator's
 * gemm, or the TypeScript one) and is turned into the probabilities in place, row by row:
 * scaled, masked, shifted by the row max, exponentiated and normalised (and multiplied by the
 * dropout), with each row's log-sum-exp kept for the backward; then one more gemm gives
 * `P·v`. With `causal`, keys after the query are never read: their probabilities are written
 * as 0. A row whose mask keeps no key gives zeros and a log-sum-exp of −∞ (PyTorch ≥ 2.5's safe
 * softmax; NaN scores stay NaN).
 *
 * @example
 * ```ts
 * const { output, logSumExp } = attentionKernel(q, k, v, null, null, { causal: true, scale: 0.25 }, 'float32');
 * ```
 */
export function attentionKernel(
  q: View<TypedArray>,
  k: View<TypedArray>,
  v: View<TypedArray>,
  mask: View<TypedArray> | null,
  dropout: View<TypedArray> | null,
  options: { readonly causal: boolean; readonly scale: number },
  dtype: DType,
  accelerator?: CpuAccelerator,
) {
  const [batch, L] = q.shape;
  const S = k.shape[1];
  const { causal, scale } = options;
  const P = attentionMatmul(q, transposedView(k), dtype, accelerator);
  const logSumExp = allocTyped(dtype, batch * L);
  const m = mask === null ? null : attentionMaskRows(mask, batch);
  const D = dropout === null ? null : dropout.buffer;
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < L; i++) {
      const r = b * L + i;
      const x = r * S;
      const n = causal ? Math.min(i + 1, S) : S;
      const mi = m === null ? 0 : m.base[b] + i * m.rowStride;
      let max = -Infinity;
      for (let j = 0; j < n; j++) {
        let s = P[x + j] * scale;
        if (m !== null) {
          const mv = m.values[mi + j * m.colStride];
          if (m.bool) {
            if (mv === 0) s = -Infinity;
          } else s += mv;
        }
        P[x + j] = s;
        if (s > max || s !== s) max = s;
      }
      P.fill(0, x + n, x + S);
      if (max === -Infinity) {
        // No key left: the row of weights (and so the output row) is 0; the backward skips it.
        P.fill(0, x, x + n);
        logSumExp[r] = -Infinity;
        continue;
      }
      let sum = 0;
      for (let j = 0; j < n; j++) {
        const e = Math.exp(P[x + j] - max);
        P[x + j] = e;
        sum += e;
      }
      logSumExp[r] = max + Math.log(sum);
      const inv = 1 / sum;
      if (D === null) {
        for (let j = 0; j < n; j++) P[x + j] *= inv;
      } else {
        const di = dropout!.offset + x;
        for (let j = 0; j < n; j++) P[x + j] = P[x + j] * inv * D[di + j];
      }
    }
  }
  const output = attentionMatmul(contiguousView(P, dtype, batch, L, S), v, dtype, accelerator);
  return { output, logSumExp };
}
