import { bernoulli, checkOptions, type Generator, type Tensor } from '@torchlet/tensor';
import { checkAttentionArgs } from './check-attention-args';
import { fusedAttention } from './fused-attention';

/** Options of {@link scaledDotProductAttention}, as `F.scaled_dot_product_attention` names them. */
export interface ScaledDotProductAttentionOptions {
  /**
   * Broadcastable to `[..., L, S]`: bool (true: the key takes part, as in PyTorch 2) or an
   * additive float mask of the query's dtype. Not allowed together with `isCausal`.
   */
  attnMask?: Tensor | null;
  /** Dropout on the attention weights, applied whenever it is > 0 (pass 0 in eval mode). */
  dropoutP?: number;
  /** Lower-triangular mask, top-left aligned: query `i` sees keys `0..i`. */
  isCausal?: boolean;
  /** Multiplies `q·kᵀ`; default `1/√E`. */
  scale?: number | null;
  /** The generator the dropout mask is drawn from; default the global one (`manualSeed`). */
  generator?: Generator;
}

const allowed = ['attnMask', 'dropoutP', 'isCausal', 'scale', 'generator'];
const aliases = { attn_mask: 'attnMask', dropout_p: 'dropoutP', is_causal: 'isCausal' };

/**
 * `softmax(q·kᵀ·scale + mask)·v` over `query` `[..., L, E]`, `key` `[..., S, E]` and `value`
 * `[..., S, Ev]`, as PyTorch 2's `F.scaled_dot_product_attention`: the batch dims (batch, heads)
 * broadcast, `attnMask` is bool (true: take part) or additive, `isCausal` masks keys after each
 * query (top-left aligned), `scale` defaults to `1/√E`. One fused kernel forward (it keeps each
 * row's log-sum-exp, never the `L×S` weights of every head) and one backward where the backend
 * has them; elsewhere, and for gradients of gradients, the same composition of tensor ops.
 *
 * A query row whose mask keeps no key gives zeros and passes no gradient (PyTorch ≥ 2.5's
 * behaviour; 2.0–2.4 gave NaN). With `dropoutP > 0` the weights are multiplied by a mask drawn
 * as `nn.Dropout` draws it, `bernoulli_(1 − p) / (1 − p)` over `[..., L, S]`: one float64
 * uniform per weight from `generator`, in row-major order.
 *
 * @example
 * ```ts
 * const q = randn([2, 4, 16, 8]); // [batch, heads, L, E]
 * const y = scaledDotProductAttention(q, q, q, { isCausal: true }); // [2, 4, 16, 8]
 * ```
 */
export function scaledDotProductAttention(
  query: Tensor,
  key: Tensor,
  value: Tensor,
  options: ScaledDotProductAttentionOptions = {},
): Tensor {
  const op = 'scaledDotProductAttention';
  checkOptions(op, options, allowed, aliases);
  const { attnMask = null, dropoutP = 0, isCausal = false, scale = null, generator } = options;
  if (typeof isCausal !== 'boolean') {
    throw new TypeError(`${op}: isCausal must be a boolean, got ${typeof isCausal}`);
  }
  if (typeof dropoutP !== 'number' || !(dropoutP >= 0 && dropoutP <= 1)) {
    throw new RangeError(
      `${op}: dropout probability has to be between 0 and 1, but got ${dropoutP}`,
    );
  }
  if (scale !== null && (typeof scale !== 'number' || !Number.isFinite(scale))) {
    throw new TypeError(`${op}: scale must be a finite number or null (1/√E), got ${scale}`);
  }
  if (attnMask !== null && isCausal) {
    throw new TypeError(
      `${op}: explicit attnMask should not be set when isCausal=true; fold the causal mask ` +
        'into attnMask, or drop one of them',
    );
  }
  const { batch, L, S } = checkAttentionArgs(query, key, value, attnMask);
  const E = query.shape[query.ndim - 1];
  if (E === 0 && scale === null) {
    throw new RangeError(
      `${op}: query's head dim E is 0, so the default scale 1/√E is infinite (every weight ` +
        'would be NaN); pass an explicit scale',
    );
  }
  const Ev = value.shape[value.ndim - 1];
  const q = query.expand([...batch, L, E]);
  const k = key.expand([...batch, S, E]);
  const v = value.expand([...batch, S, Ev]);
  const mask = attnMask === null ? null : attnMask.expand([...batch, L, S]);
  let dropout: Tensor | null = null;
  if (dropoutP > 0) {
    const keep = bernoulli([...batch, L, S], 1 - dropoutP, {
      dtype: q.dtype,
      backend: q.backend,
      generator,
    });
    // torch's dropout: the mask divided by 1 − p, or zeros when every weight is dropped.
    dropout = dropoutP === 1 ? keep : keep.div(1 - dropoutP);
  }
  return fusedAttention(q, k, v, mask, dropout, isCausal, scale ?? 1 / Math.sqrt(E));
}
