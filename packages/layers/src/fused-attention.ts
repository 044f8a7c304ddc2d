import { fusedOp } from '@torchlet/autograd';
import { fromBuffer, numel, type Tensor, type View } from '@torchlet/tensor';
import { composeAttention } from './compose-attention';

/** The attributes of one attention call: which inputs follow `q, k, v`, the causal flag, scale. */
interface AttentionAttrs {
  hasMask: boolean;
  hasDropout: boolean;
  causal: boolean;
  scale: number;
}

function maskOf(inputs: readonly Tensor[], attrs: AttentionAttrs): Tensor | null {
  return attrs.hasMask ? inputs[3] : null;
}

function dropoutOf(inputs: readonly Tensor[], attrs: AttentionAttrs): Tensor | null {
  return attrs.hasDropout ? inputs[attrs.hasMask ? 4 : 3] : null;
}

/** `[...batch, rows, cols]` made contiguous and seen as `[batch, rows, cols]` (offset kept). */
function batched(x: Tensor): View {
  const d = x.detach().contiguous();
  const [rows, cols] = d.shape.slice(-2);
  const batch = numel(d.shape.slice(0, -2));
  return {
    buffer: d.buffer,
    dtype: d.dtype,
    shape: [batch, rows, cols],
    strides: [rows * cols, cols, 1],
    offset: d.offset,
  };
}

/** The log-sum-exp `[...batch, L]` seen as `[batch, L]`. */
function rowsOf(x: Tensor): View {
  const view = batched(x.unsqueeze(-1));
  return { ...view, shape: view.shape.slice(0, 2), strides: view.strides.slice(0, 2) };
}

/** The mask as the kernels read it: its own strides, 0 where it broadcasts, never copied. */
function maskView(mask: Tensor | null): View | null {
  if (mask === null) return null;
  const d = mask.detach();
  return { buffer: d.buffer, dtype: d.dtype, shape: d.shape, strides: d.strides, offset: d.offset };
}

/**
 * Attention as one fused op (`ScaledDotProductFlashAttentionForCpuBackward0`), inputs
 * `[q, k, v, mask?, dropout?]` with the batch dims already broadcast: the backend's `attention`
 * kernel forward, which keeps each row's log-sum-exp, and `attentionBackward`, which recomputes
 * the probabilities from it, where the backend has them; else {@link composeAttention}. A float
 * mask that requires grad takes the composition too, so its gradient is autograd's.
 */
const attentionOp = /* @__PURE__ */ fusedOp({
  name: 'ScaledDotProductFlashAttentionForCpuBackward0',
  forward(inputs, attrs: AttentionAttrs) {
    const [q, k, v] = inputs;
    const kernel = q.backend.fused?.attention;
    const mask = maskOf(inputs, attrs);
    if (kernel === undefined || mask?.requiresGrad === true) return undefined;
    const dropout = dropoutOf(inputs, attrs);
    const r = kernel(
      batched(q),
      batched(k),
      batched(v),
      maskView(mask),
      dropout === null ? null : batched(dropout),
      attrs,
      q.dtype,
    );
    const outShape = [...q.shape.slice(0, -1), v.shape[v.ndim - 1]];
    return {
      output: fromBuffer(q, r.output, outShape, q.dtype),
      // Each row's log-sum-exp, made for the backward kernel: the node owns and frees it.
      logSumExp: fromBuffer(q, r.logSumExp, q.shape.slice(0, -1), q.dtype),
    };
  },
  compose: (inputs, attrs) =>
    composeAttention(inputs[0], inputs[1], inputs[2], {
      mask: maskOf(inputs, attrs),
      dropout: dropoutOf(inputs, attrs),
      causal: attrs.causal,
      scale: attrs.scale,
    }),
  save: ({ inputs, attrs, kernel: { output, logSumExp } }) => ({
    q: inputs[0],
    k: inputs[1],
    v: inputs[2],
    mask: maskOf(inputs, attrs),
    dropout: dropoutOf(inputs, attrs),
    output,
    logSumExp,
    attrs,
  }),
  backwardKernel({ q, k, v, mask, dropout, output, logSumExp, attrs }, grad, needs) {
    const kernel = q.backend.fused?.attentionBackward;
    if (kernel === undefined) return undefined;
    const r = kernel(
      batched(grad),
      batched(q),
      batched(k),
      batched(v),
      batched(output),
      rowsOf(logSumExp),
      maskView(mask),
      dropout === null ? null : batched(dropout),
      attrs,
      q.dtype,
    );
    const grads: (Tensor | null)[] = [
      needs[0] ? fromBuffer(q, r.gradQ, q.shape, q.dtype) : null,
      needs[1] ? fromBuffer(q, r.gradK, k.shape, q.dtype) : null,
      needs[2] ? fromBuffer(q, r.gradV, v.shape, q.dtype) : null,
    ];
    // The mask (unless it requires grad, which takes the composition) and dropout get none.
    for (let i = 3; i < needs.length; i++) grads.push(null);
    return grads;
  },
});

/**
 * Fused scaled dot-product attention on `q` `[...batch, L, E]`, `k` `[...batch, S, E]` and `v`
 * `[...batch, S, Ev]` with equal batch dims, an optional mask broadcast to `[...batch, L, S]` and
 * optional dropout multipliers of that shape. {@link scaledDotProductAttention} checks the
 * arguments and calls it.
 *
 * @example
 * ```ts
 * fusedAttention(q, k, v, null, null, true, 1 / Math.sqrt(q.shape.at(-1)!));
 * ```
 */
export function fusedAttention(
  q: Tensor,
  k: Tensor,
  v: Tensor,
  mask: Tensor | null,
  dropout: Tensor | null,
  causal: boolean,
  scale: number,
): Tensor {
  const inputs = [q, k, v];
  if (mask !== null) inputs.push(mask);
  if (dropout !== null) inputs.push(dropout);
  return attentionOp(inputs, {
    hasMask: mask !== null,
    hasDropout: dropout !== null,
    causal,
    scale,
  });
}
