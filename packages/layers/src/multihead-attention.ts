import { softmax } from '@torchlet/activations';
import {
  arange,
  bernoulli,
  checkOptions,
  expectTensor,
  formatShape,
  full,
  where,
  type DType,
  type Tensor,
} from '@torchlet/tensor';
import { checkChoice } from './check-choice';
import { empty } from './empty';
import { constant_ } from './init/fill';
import { xavierUniform_ } from './init/xavier-uniform';
import { Linear } from './linear';
import { Module } from './module';
import { Parameter } from './parameter';
import { scaledDotProductAttention } from './scaled-dot-product-attention';

/** Options of {@link MultiheadAttention}, as `nn.MultiheadAttention` names them. */
export interface MultiheadAttentionOptions {
  /** Learn the input and output projections' biases (default true). */
  bias?: boolean;
  /** Inputs and output are `[N, L, E]` rather than `[L, N, E]` (default false). */
  batchFirst?: boolean;
  /** Dropout on the attention weights in training mode (default 0). */
  dropout?: number;
  /** Features of the keys (default `embedDim`). */
  kdim?: number;
  /** Features of the values (default `embedDim`). */
  vdim?: number;
  /** `'float32'` (default) or `'float64'`. */
  dtype?: DType;
}

/** Options of {@link MultiheadAttention.forward}, as `nn.MultiheadAttention.forward` names them. */
export interface MultiheadAttentionForwardOptions {
  /**
   * `[L, S]`, or `[N·numHeads, L, S]` (`[numHeads, L, S]` for unbatched inputs): bool (**true:
   * may not attend**, PyTorch's MultiheadAttention convention, the inverse of
   * `scaledDotProductAttention`'s) or additive float of the module's dtype.
   */
  attnMask?: Tensor | null;
  /** `[N, S]` (`[S]` unbatched): bool (true: ignore this key, it is padding) or additive float. */
  keyPaddingMask?: Tensor | null;
  /** Return the attention weights (default true). */
  needWeights?: boolean;
  /** Average the returned weights over the heads (default true), else one map per head. */
  averageAttnWeights?: boolean;
  /**
   * Causal attention: query `i` sees keys `0..i`. Without `attnMask` the mask is applied for you
   * (never built when nothing else needs it); with one, `attnMask` is used, as PyTorch 2 treats
   * `is_causal` as a hint that `attn_mask` is causal.
   */
  isCausal?: boolean;
}

const OPTIONS = ['bias', 'batchFirst', 'dropout', 'kdim', 'vdim', 'dtype'];
const OPTION_ALIASES = { batch_first: 'batchFirst' };
const FORWARD_OPTIONS = [
  'attnMask',
  'keyPaddingMask',
  'needWeights',
  'averageAttnWeights',
  'isCausal',
];
const FORWARD_ALIASES = {
  attn_mask: 'attnMask',
  key_padding_mask: 'keyPaddingMask',
  need_weights: 'needWeights',
  average_attn_weights: 'averageAttnWeights',
  is_causal: 'isCausal',
};

/** PyTorch's out_proj class, so the module prints as PyTorch's does; a plain Linear otherwise. */
class NonDynamicallyQuantizableLinear extends Linear {}

/**
 * Multi-head attention, like `torch.nn.MultiheadAttention` (PyTorch 1.13, plus PyTorch 2's
 * `isCausal`): `forward(query, key, value, options)` returns `[output, weights]`, the weights
 * averaged over heads (`[N, L, S]`) or per head (`[N, numHeads, L, S]`), or null when
 * `needWeights` is false. Inputs are `[L, N, E]` (`[N, L, E]` with `batchFirst`) or unbatched
 * `[L, E]`.
 *
 * The parameters and their names are PyTorch's: `in_proj_weight` `[3E, E]` (or
 * `q_proj_weight`, `k_proj_weight`, `v_proj_weight` when `kdim` or `vdim` differs from
 * `embedDim`), `in_proj_bias` `[3E]`, and `out_proj` (a Linear), so a PyTorch `state_dict`
 * loads with no renaming. They are drawn as PyTorch draws them (out_proj's default
 * initialisation, then Xavier-uniform on the input projection, biases zeroed), so
 * `manualSeed(s)` gives PyTorch's initial weights.
 *
 * With `needWeights: false` the attention itself is {@link scaledDotProductAttention} (one
 * fused kernel each way, no `L×S` weights kept per head); with weights it is the same
 * computation written out, since the weights are returned. A query that may attend to no key
 * (a fully masked row) gets zero weights instead of PyTorch 1.13's NaN.
 *
 * @example
 * ```ts
 * const mha = new MultiheadAttention(64, 4, { batchFirst: true });
 * const x = randn([8, 16, 64]); // [N, L, E]
 * const [y, w] = mha.forward(x, x, x, { isCausal: true, needWeights: false }); // y: [8, 16, 64], w: null
 * Object.keys(mha.stateDict()); // ['in_proj_weight', 'in_proj_bias', 'out_proj.weight', 'out_proj.bias']
 * ```
 */
export class MultiheadAttention extends Module {
  // The parameters' field names are snake_case on purpose: Module names state entries after the
  // fields that hold them, and these must be PyTorch's state_dict keys (`in_proj_weight`,
  // `out_proj.weight`, …) so that checkpoints move between torchlet and PyTorch unrenamed. The
  // declaration order is PyTorch's registration order; absent ones stay null, as in PyTorch.
  /**
   * The query projection, `[embedDim, embedDim]`, when `kdim` or `vdim` differs from `embedDim`.
   */
  q_proj_weight: Parameter | null = null;
  /** The key projection, `[embedDim, kdim]`, when `kdim` or `vdim` differs from `embedDim`. */
  k_proj_weight: Parameter | null = null;
  /** The value projection, `[embedDim, vdim]`, when `kdim` or `vdim` differs from `embedDim`. */
  v_proj_weight: Parameter | null = null;
  /** The query, key and value projections stacked, `[3 * embedDim, embedDim]`, when all match. */
  in_proj_weight: Parameter | null = null;
  /** The three projections' biases stacked, `[3 * embedDim]`, or null with `{ bias: false }`. */
  in_proj_bias: Parameter | null;
  /** The output projection, `embedDim → embedDim`. */
  out_proj: Linear;

  /** Features of the keys. */
  readonly kdim: number;
  /** Features of the values. */
  readonly vdim: number;
  /** Features per head, `embedDim / numHeads`. */
  readonly headDim: number;
  /** Whether inputs and output are `[N, L, E]` rather than `[L, N, E]`. */
  readonly batchFirst: boolean;
  /** Dropout probability on the attention weights in training mode. */
  readonly dropout: number;

  /**
   * @param embedDim - The model width, split evenly across the heads.
   * @param numHeads - The number of heads; must divide `embedDim`.
   * @param options - `{ bias, batchFirst, dropout, kdim, vdim, dtype }`.
   */
  constructor(
    /** The model width (features of the queries and of the output). */
    readonly embedDim: number,
    /** The number of heads. */
    readonly numHeads: number,
    options: MultiheadAttentionOptions = {},
  ) {
    super();
    const op = 'MultiheadAttention';
    checkOptions(op, options, OPTIONS, OPTION_ALIASES);
    const bias = checkChoice(op, 'bias', options.bias ?? true, [true, false]);
    this.batchFirst = checkChoice(op, 'batchFirst', options.batchFirst ?? false, [true, false]);
    const dtype = checkChoice(op, 'dtype', options.dtype ?? 'float32', ['float32', 'float64']);
    for (const [name, v] of [
      ['embedDim', embedDim],
      ['numHeads', numHeads],
      ['kdim', options.kdim ?? embedDim],
      ['vdim', options.vdim ?? embedDim],
    ] as const) {
      if (!Number.isInteger(v) || v <= 0)
        throw new RangeError(`${op}: ${name} must be a positive integer, got ${v}`);
    }
    if (embedDim % numHeads !== 0) {
      throw new RangeError(
        `${op}: embed_dim must be divisible by num_heads, got embedDim ${embedDim} and ` +
          `numHeads ${numHeads}; pick numHeads among the divisors of ${embedDim}`,
      );
    }
    const dropout = options.dropout ?? 0;
    if (typeof dropout !== 'number' || !(dropout >= 0 && dropout <= 1)) {
      throw new RangeError(
        `${op}: dropout probability has to be between 0 and 1, but got ${String(dropout)}`,
      );
    }
    this.dropout = dropout;
    this.kdim = options.kdim ?? embedDim;
    this.vdim = options.vdim ?? embedDim;
    this.headDim = embedDim / numHeads;

    // PyTorch's order of construction, which is the order of the generator's draws: the
    // projections' storage, out_proj (drawing its default init), then Xavier on q, k, v.
    const packed = this.kdim === embedDim && this.vdim === embedDim;
    if (packed) {
      this.in_proj_weight = new Parameter(empty([3 * embedDim, embedDim], dtype));
    } else {
      this.q_proj_weight = new Parameter(empty([embedDim, embedDim], dtype));
      this.k_proj_weight = new Parameter(empty([embedDim, this.kdim], dtype));
      this.v_proj_weight = new Parameter(empty([embedDim, this.vdim], dtype));
    }
    this.in_proj_bias = bias ? new Parameter(empty([3 * embedDim], dtype)) : null;
    this.out_proj = new NonDynamicallyQuantizableLinear(embedDim, embedDim, { bias, dtype });
    this.resetParameters();
  }

  /** Draws fresh weights as PyTorch's `_reset_parameters` does. */
  resetParameters(): void {
    if (this.in_proj_weight !== null) xavierUniform_(this.in_proj_weight);
    else
      for (const w of [this.q_proj_weight, this.k_proj_weight, this.v_proj_weight])
        xavierUniform_(w!);
    if (this.in_proj_bias !== null) {
      constant_(this.in_proj_bias, 0);
      constant_(this.out_proj.bias!, 0);
    }
  }

  /**
   * Attends from `query` to `key`/`value` and returns `[output, weights]`: output of the
   * query's shape (last dim `embedDim`), weights `[N, L, S]` (averaged), `[N, numHeads, L, S]`
   * (per head), without `N` for unbatched inputs, or null with `needWeights: false`. In
   * training mode the weights are dropped out (and returned so).
   */
  forward(
    query: Tensor,
    key: Tensor,
    value: Tensor,
    options: MultiheadAttentionForwardOptions = {},
  ): [Tensor, Tensor | null] {
    const op = 'MultiheadAttention.forward';
    checkOptions(op, options, FORWARD_OPTIONS, FORWARD_ALIASES);
    const needWeights = checkChoice(op, 'needWeights', options.needWeights ?? true, [true, false]);
    const average = checkChoice(op, 'averageAttnWeights', options.averageAttnWeights ?? true, [
      true,
      false,
    ]);
    const isCausal = checkChoice(op, 'isCausal', options.isCausal ?? false, [true, false]);
    const { attnMask = null, keyPaddingMask = null } = options;
    const s = this.#checkInputs(query, key, value);
    const { L, S, N } = s;
    const H = this.numHeads;
    const D = this.headDim;
    const E = this.embedDim;
    const mask = this.#mergeMasks(attnMask, keyPaddingMask, s, query.dtype);

    // Projections, then heads: q as [N, H, L, D], k and v as [N, H, S, D] (views).
    const [q, k, v] = this.#project(query, key, value);
    const heads = (t: Tensor, len: number) =>
      s.batched && this.batchFirst
        ? t.reshape([N, len, H, D]).permute(0, 2, 1, 3)
        : t.reshape([len, N, H, D]).permute(1, 2, 0, 3);
    const qh = heads(q, L);
    const kh = heads(k, S);
    const vh = heads(v, S);

    const p = this.training ? this.dropout : 0;
    let attn: Tensor; // [N, H, L, D]
    let weights: Tensor | null = null; // [N, H, L, S]
    // isCausal with an attnMask: the mask is used (PyTorch 2's hint); without, the causal mask
    // joins the padding mask, or is left to the fused kernel when nothing else masks.
    const causal = isCausal && attnMask === null;
    if (!needWeights) {
      const m = causal && mask !== null ? mask.add(causalMask(L, S, mask.dtype, mask)) : mask;
      attn = scaledDotProductAttention(qh, kh, vh, {
        attnMask: m,
        isCausal: causal && mask === null,
        dropoutP: p,
      });
    } else {
      const m = causal ? addMask(mask, causalMask(L, S, query.dtype, query)) : mask;
      // PyTorch's order: q / √D, then q·kᵀ (+ mask), softmax, dropout, ·v.
      let scores = qh.div(Math.sqrt(D)).matmul(kh.transpose(-2, -1));
      if (m === null) {
        weights = softmax(scores, -1);
      } else {
        scores = scores.add(m);
        // A query that may attend to no key: softmax over zeros, then zero weights (no NaN,
        // not even in the gradient), as scaledDotProductAttention does.
        const none = m.detach().amax(-1, true).eq(-Infinity);
        weights = where(none, 0, softmax(where(none, 0, scores), -1));
      }
      if (p > 0) {
        // Drawn as torch's dropout draws it: bernoulli_(1 − p) over [N·H, L, S], / (1 − p).
        const keep = bernoulli(weights.shape, 1 - p, {
          dtype: weights.dtype,
          backend: weights.backend,
        });
        weights = weights.mul(p === 1 ? keep : keep.div(1 - p));
      }
      attn = weights.matmul(vh);
    }

    // Heads back together, the output projection, and the caller's layout.
    const merged =
      s.batched && this.batchFirst
        ? attn.permute(0, 2, 1, 3).reshape([N, L, E])
        : attn.permute(2, 0, 1, 3).reshape([L, N, E]);
    let output = this.out_proj.forward(merged);
    if (!s.batched) output = output.reshape([L, E]);
    if (weights === null) return [output, null];
    let w = average ? weights.sum(1).div(H) : weights;
    if (!s.batched) w = w.squeeze(0);
    return [output, w];
  }

  /** The input projections: q `[..., E]`, k `[..., E]`, v `[..., E]` in the inputs' layouts. */
  #project(query: Tensor, key: Tensor, value: Tensor): [Tensor, Tensor, Tensor] {
    const E = this.embedDim;
    const b = this.in_proj_bias;
    const bq = b?.narrow(0, 0, E) ?? null;
    if (this.in_proj_weight === null) {
      return [
        linear(query, this.q_proj_weight!, bq),
        linear(key, this.k_proj_weight!, b?.narrow(0, E, E) ?? null),
        linear(value, this.v_proj_weight!, b?.narrow(0, 2 * E, E) ?? null),
      ];
    }
    const w = this.in_proj_weight;
    // One product where inputs are shared, as PyTorch's _in_projection_packed does.
    if (query === key && key === value) {
      const qkv = linear(query, w, b);
      return [0, 1, 2].map((i) => qkv.narrow(-1, i * E, E)) as [Tensor, Tensor, Tensor];
    }
    const q = linear(query, w.narrow(0, 0, E), bq);
    if (key === value) {
      const kv = linear(key, w.narrow(0, E, 2 * E), b?.narrow(0, E, 2 * E) ?? null);
      return [q, kv.narrow(-1, 0, E), kv.narrow(-1, E, E)];
    }
    return [
      q,
      linear(key, w.narrow(0, E, E), b?.narrow(0, E, E) ?? null),
      linear(value, w.narrow(0, 2 * E, E), b?.narrow(0, 2 * E, E) ?? null),
    ];
  }

  /** Checks the inputs as PyTorch's `_mha_shape_check` and `multi_head_attention_forward` do. */
  #checkInputs(query: Tensor, key: Tensor, value: Tensor): Sizes {
    const op = 'MultiheadAttention.forward';
    expectTensor(op, query, 'query', true);
    expectTensor(op, key, 'key', true);
    expectTensor(op, value, 'value', true);
    const shapes = `query ${formatShape(query.shape)}, key ${formatShape(key.shape)}, value ${formatShape(value.shape)}`;
    const dtype = this.out_proj.weight.dtype;
    if (query.dtype !== dtype || key.dtype !== dtype || value.dtype !== dtype) {
      throw new TypeError(
        `${op}: expected query, key and value of the module's dtype ${dtype}, got ` +
          `${query.dtype}, ${key.dtype} and ${value.dtype}; convert them (.float(), .double()) ` +
          `or build the module with { dtype: '${query.dtype}' }`,
      );
    }
    if (query.ndim !== 2 && query.ndim !== 3) {
      throw new RangeError(
        `${op}: query should be unbatched 2D or batched 3D tensor but received ${query.ndim}-D ` +
          `query tensor (${formatShape(query.shape)})`,
      );
    }
    const batched = query.ndim === 3;
    if (key.ndim !== query.ndim || value.ndim !== query.ndim) {
      throw new RangeError(
        `${op}: for ${batched ? 'batched (3-D)' : 'unbatched (2-D)'} \`query\`, expected \`key\` ` +
          `and \`value\` to be ${query.ndim}-D but found ${key.ndim}-D and ${value.ndim}-D ` +
          `tensors respectively (${shapes})`,
      );
    }
    const layout = !batched ? '[L, E]' : this.batchFirst ? '[N, L, E]' : '[L, N, E]';
    const seqDim = batched && this.batchFirst ? 1 : 0;
    const batchDim = batched ? (this.batchFirst ? 0 : 1) : -1;
    const E = query.shape[query.ndim - 1];
    if (E !== this.embedDim) {
      throw new RangeError(
        `${op}: was expecting embedding dimension of ${this.embedDim}, but got ${E} ` +
          `(query ${formatShape(query.shape)}, laid out as ${layout})`,
      );
    }
    for (const [name, t, want] of [
      ['key', key, this.kdim],
      ['value', value, this.vdim],
    ] as const) {
      if (t.shape[t.ndim - 1] !== want) {
        throw new RangeError(
          `${op}: expected ${name} with ${want} features in its last dim (${name === 'key' ? 'kdim' : 'vdim'}), ` +
            `got ${formatShape(t.shape)}; pass { ${name === 'key' ? 'kdim' : 'vdim'}: ` +
            `${t.shape[t.ndim - 1]} } to the constructor for other sizes`,
        );
      }
    }
    if (
      key.shape[seqDim] !== value.shape[seqDim] ||
      (batched && key.shape[batchDim] !== value.shape[batchDim])
    ) {
      throw new RangeError(
        `${op}: key's sequence and batch dims do not match value's (${shapes}, laid out as ${layout})`,
      );
    }
    if (batched && query.shape[batchDim] !== key.shape[batchDim]) {
      throw new RangeError(
        `${op}: query's batch size ${query.shape[batchDim]} does not match key's ` +
          `${key.shape[batchDim]} (${shapes}, laid out as ${layout})`,
      );
    }
    return {
      batched,
      L: query.shape[seqDim],
      S: key.shape[seqDim],
      N: batched ? query.shape[batchDim] : 1,
    };
  }

  /**
   * `attnMask` and `keyPaddingMask` checked and merged into one additive mask of `dtype` that
   * broadcasts to `[N, H, L, S]` (null without masks). Bool entries that are true become −∞.
   */
  #mergeMasks(
    attnMask: Tensor | null,
    keyPaddingMask: Tensor | null,
    { batched, L, S, N }: Sizes,
    dtype: DType,
  ): Tensor | null {
    const op = 'MultiheadAttention.forward';
    const H = this.numHeads;
    let mask: Tensor | null = null;
    if (attnMask !== null) {
      expectTensor(op, attnMask, 'attnMask');
      checkMaskDtype(op, 'attnMask', attnMask, dtype);
      if (attnMask.ndim === 2) {
        if (attnMask.shape[0] !== L || attnMask.shape[1] !== S) {
          throw new RangeError(
            `${op}: the shape of the 2D attnMask is ${formatShape(attnMask.shape)}, but should be ` +
              `${formatShape([L, S])} ([L, S])`,
          );
        }
        mask = additive(attnMask, dtype);
      } else if (attnMask.ndim === 3) {
        const want = [N * H, L, S];
        if (attnMask.shape.some((d, i) => d !== want[i])) {
          throw new RangeError(
            `${op}: the shape of the 3D attnMask is ${formatShape(attnMask.shape)}, but should be ` +
              `${formatShape(want)} ([${batched ? 'N·numHeads' : 'numHeads'}, L, S])`,
          );
        }
        mask = additive(attnMask, dtype).reshape([N, H, L, S]);
      } else {
        throw new RangeError(
          `${op}: expected attnMask to be 2-D [L, S] or 3-D [N·numHeads, L, S] but found ` +
            `${attnMask.ndim}-D tensor ${formatShape(attnMask.shape)}`,
        );
      }
    }
    if (keyPaddingMask !== null) {
      expectTensor(op, keyPaddingMask, 'keyPaddingMask');
      checkMaskDtype(op, 'keyPaddingMask', keyPaddingMask, dtype);
      const want = batched ? [N, S] : [S];
      if (
        keyPaddingMask.ndim !== want.length ||
        keyPaddingMask.shape.some((d, i) => d !== want[i])
      ) {
        throw new RangeError(
          `${op}: expecting keyPaddingMask shape of ${formatShape(want)} ` +
            `(${batched ? '[N, S]' : '[S] for unbatched inputs'}), but got ` +
            `${formatShape(keyPaddingMask.shape)}`,
        );
      }
      mask = addMask(mask, additive(keyPaddingMask, dtype).reshape([N, 1, 1, S]));
    }
    return mask;
  }
}

/** The sizes of one forward call. */
interface Sizes {
  batched: boolean;
  L: number;
  S: number;
  N: number;
}

/** `x Wᵀ + b` over the last dim, as one 2-D product. */
function linear(x: Tensor, w: Tensor, b: Tensor | null): Tensor {
  const lead = x.shape.slice(0, -1);
  const y = x.reshape([-1, x.shape[x.ndim - 1]]).matmul(w.T);
  return (b === null ? y : y.add(b)).reshape([...lead, w.shape[0]]);
}

function checkMaskDtype(op: string, name: string, mask: Tensor, dtype: DType): void {
  if (mask.dtype !== 'bool' && mask.dtype !== dtype) {
    throw new TypeError(
      `${op}: only bool and floating masks of the module's dtype ${dtype} are supported for ` +
        `${name}, not ${mask.dtype}; use .bool() (true: may not attend) or an additive ${dtype} mask`,
    );
  }
}

/** A bool mask (true: masked) as an additive one (−∞ where masked), or a float mask as is. */
function additive(mask: Tensor, dtype: DType): Tensor {
  if (mask.dtype !== 'bool') return mask;
  return where(mask, full([], -Infinity, { dtype, backend: mask.backend }), 0);
}

function addMask(a: Tensor | null, b: Tensor): Tensor {
  return a === null ? b : a.add(b);
}

/** The additive causal mask `[L, S]`: −∞ where key `j` comes after query `i`. */
function causalMask(L: number, S: number, dtype: DType, like: Tensor): Tensor {
  const options = { backend: like.backend };
  const after = arange(S, undefined, 1, options)
    .unsqueeze(0)
    .gt(arange(L, undefined, 1, options).unsqueeze(1));
  return where(after, full([], -Infinity, { dtype, backend: like.backend }), 0);
}
