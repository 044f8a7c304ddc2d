import { expectTensor, formatShape, Tensor } from '@torchlet/tensor';

const op = 'scaledDotProductAttention';

/** The sizes of one attention call, after {@link checkAttentionArgs}. */
export interface AttentionSizes {
  /** The batch dims of `q`, `k` and `v` broadcast together (heads included). */
  batch: number[];
  L: number;
  S: number;
}

/** The broadcast of the batch dims, or null where two sizes differ and neither is 1. */
function broadcastBatch(shapes: readonly (readonly number[])[]): number[] | null {
  const n = Math.max(...shapes.map((s) => s.length));
  const out = new Array<number>(n).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const d = s[i];
      const o = n - s.length + i;
      if (d === out[o] || d === 1) continue;
      if (out[o] !== 1) return null;
      out[o] = d;
    }
  }
  return out;
}

/**
 * Checks the tensors of {@link scaledDotProductAttention} as PyTorch 2 does, with one message
 * for each way they can disagree (dtypes, ranks, head dims, key/value lengths, batch or head
 * counts, mask shape and dtype), and returns the sizes of the call.
 *
 * @example
 * ```ts
 * checkAttentionArgs(q, k, v, null); // { batch: [2, 4], L: 5, S: 5 }
 * ```
 */
export function checkAttentionArgs(
  q: Tensor,
  k: Tensor,
  v: Tensor,
  mask: Tensor | null,
): AttentionSizes {
  expectTensor(op, q, 'query', true);
  expectTensor(op, k, 'key', true);
  expectTensor(op, v, 'value', true);
  if (q.dtype !== k.dtype || q.dtype !== v.dtype) {
    throw new TypeError(
      `${op}: expected query, key and value to have the same dtype, got query ${q.dtype}, key ` +
        `${k.dtype} and value ${v.dtype}; convert them with .float() or .double()`,
    );
  }
  for (const [name, t, dims] of [
    ['query', q, 'L, E'],
    ['key', k, 'S, E'],
    ['value', v, 'S, Ev'],
  ] as const) {
    if (t.ndim < 2) {
      throw new RangeError(
        `${op}: expected ${name} of shape [..., ${dims}] (at least 2 dims), got ${formatShape(t.shape)}`,
      );
    }
  }
  for (const [name, t] of [
    ['key', k],
    ['value', v],
    ['attnMask', mask],
  ] as const) {
    if (t instanceof Tensor && t.backend !== q.backend) {
      throw new TypeError(
        `${op}: expected query and ${name} on the same device, got ${q.device} and ${t.device}; ` +
          'move one with .to(backend)',
      );
    }
  }
  const shapes = `query ${formatShape(q.shape)}, key ${formatShape(k.shape)}, value ${formatShape(v.shape)}`;
  const E = q.shape[q.ndim - 1];
  if (k.shape[k.ndim - 1] !== E) {
    throw new RangeError(
      `${op}: query and key must have the same head dim E (the last dim), got ${E} and ` +
        `${k.shape[k.ndim - 1]} (${shapes})`,
    );
  }
  const S = k.shape[k.ndim - 2];
  if (v.shape[v.ndim - 2] !== S) {
    throw new RangeError(
      `${op}: key and value must have the same sequence length S (dim -2), got ${S} and ` +
        `${v.shape[v.ndim - 2]} (${shapes})`,
    );
  }
  const batch = broadcastBatch([q, k, v].map((t) => t.shape.slice(0, -2)));
  if (batch === null) {
    throw new RangeError(
      `${op}: the batch dims of query, key and value (everything before [L, E]: batch and ` +
        `heads) must match or be 1 to broadcast, got ${shapes}`,
    );
  }
  const L = q.shape[q.ndim - 2];
  if (mask !== null) {
    expectTensor(op, mask, 'attnMask');
    if (mask.dtype !== 'bool' && mask.dtype !== q.dtype) {
      throw new TypeError(
        `${op}: expected attnMask of dtype bool or the query's dtype ${q.dtype}, got ` +
          `${mask.dtype}; use a bool mask (true: take part) or an additive ${q.dtype} one`,
      );
    }
    const want = [...batch, L, S];
    const fits =
      mask.ndim <= want.length &&
      mask.shape.every((d, i) => d === 1 || d === want[want.length - mask.ndim + i]);
    if (!fits) {
      throw new RangeError(
        `${op}: attnMask of shape ${formatShape(mask.shape)} cannot be broadcast to the ` +
          `attention weights' shape ${formatShape(want)} ([..., L, S]); give a mask of ` +
          `[L, S] = ${formatShape([L, S])} or one that broadcasts to ${formatShape(want)}`,
      );
    }
  }
  return { batch, L, S };
}
