import { softmax } from '@torchlet/activations';
import { arange, where, type Tensor } from '@torchlet/tensor';

/** What {@link composeAttention} applies besides `q`, `k` and `v`. */
export interface ComposeAttentionOptions {
  /** Bool (false: the key takes no part) or additive float, broadcastable to `[..., L, S]`. */
  mask: Tensor | null;
  /** The probabilities' multipliers (0 or `1/(1−p)`), of shape `[..., L, S]`. */
  dropout: Tensor | null;
  /** Keep key `j` for query `i` only where `j ≤ i` (top-left aligned). */
  causal: boolean;
  scale: number;
}

/**
 * Attention written with tensor ops, `softmax(q·kᵀ·scale + mask)·v`: the differentiable
 * composition the fused attention op stands for. It runs where the backend has no attention
 * kernels, and autograd differentiates it for gradients of gradients. A row whose mask keeps no
 * key gives zeros with a zero gradient (PyTorch ≥ 2.5's safe softmax) instead of NaN.
 *
 * @example
 * ```ts
 * composeAttention(q, k, v, { mask: null, dropout: null, causal: true, scale: 0.25 });
 * ```
 */
export function composeAttention(
  q: Tensor,
  k: Tensor,
  v: Tensor,
  { mask, dropout, causal, scale }: ComposeAttentionOptions,
): Tensor {
  let scores = q.matmul(k.transpose(-2, -1)).mul(scale);
  if (causal) {
    const [L, S] = scores.shape.slice(-2);
    const options = { backend: q.backend };
    const keep = arange(L, undefined, 1, options)
      .unsqueeze(1)
      .ge(arange(S, undefined, 1, options));
    scores = where(keep, scores, -Infinity);
  }
  if (mask !== null)
    scores = mask.dtype === 'bool' ? where(mask, scores, -Infinity) : scores.add(mask);
  let p: Tensor;
  if (mask === null) {
    p = softmax(scores, -1); // causal rows always keep key 0
  } else {
    // Rows with no key left are softmaxed over zeros instead of −∞ (no NaN, not even in the
    // gradient), then zeroed. The test needs no gradient.
    const empty = scores.detach().amax(-1, true).eq(-Infinity);
    p = where(empty, 0, softmax(where(empty, 0, scores), -1));
  }
  if (dropout !== null) p = p.mul(dropout);
  return p.matmul(v);
}
