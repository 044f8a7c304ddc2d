import {
  Embedding,
  full,
  gelu,
  LayerNorm,
  Linear,
  Module,
  ModuleList,
  scaledDotProductAttention,
  softmax,
  type Tensor,
} from 'torchlet';
import type { GptCase } from './gpt-case';

/**
 * How the GPT's attention is computed: torchlet's fused `scaledDotProductAttention`, or the
 * composition `softmax(q·kᵀ·scale + mask)·v` written with tensor ops (what PyTorch 1.13 runs).
 */
export type AttentionImpl = (q: Tensor, k: Tensor, v: Tensor) => Tensor;

/** torchlet's fused causal attention. */
export const fusedCausal: AttentionImpl = (q, k, v) =>
  scaledDotProductAttention(q, k, v, { isCausal: true });

// One mask per backend and T, made once, as nanoGPT registers its mask as a buffer.
const masks = new WeakMap<object, Map<number, Tensor>>();

/** Causal attention composed as PyTorch 1.13 users write it, with an additive `[T, T]` mask. */
export const composedCausal: AttentionImpl = (q, k, v) => {
  const T = q.shape[q.ndim - 2];
  const byT = masks.get(q.backend) ?? new Map<number, Tensor>();
  masks.set(q.backend, byT);
  let mask = byT.get(T);
  if (mask === undefined)
    byT.set(T, (mask = full([T, T], -Infinity, { backend: q.backend }).triu(1)));
  const scale = 1 / Math.sqrt(q.shape[q.ndim - 1]);
  return softmax(q.matmul(k.mT).mul(scale).add(mask), -1).matmul(v);
};

class CausalSelfAttention extends Module {
  cAttn: Linear;
  cProj: Linear;

  constructor(
    private readonly c: GptCase,
    private readonly attention: AttentionImpl,
  ) {
    super();
    this.cAttn = new Linear(c.nEmbd, 3 * c.nEmbd, { bias: c.bias });
    this.cProj = new Linear(c.nEmbd, c.nEmbd, { bias: c.bias });
  }

  forward(x: Tensor): Tensor {
    const [B, T, C] = x.shape;
    const H = this.c.nHead;
    // One projection cut into q, k, v, each seen as [B, H, T, D] (views, no copies).
    const [q, k, v] = this.cAttn
      .forward(x)
      .split(C, 2)
      .map((t) => t.view([B, T, H, C / H]).transpose(1, 2));
    const y = this.attention(q, k, v).transpose(1, 2).reshape([B, T, C]);
    return this.cProj.forward(y);
  }
}

class Mlp extends Module {
  cFc: Linear;
  cProj: Linear;

  constructor(c: GptCase) {
    super();
    this.cFc = new Linear(c.nEmbd, 4 * c.nEmbd, { bias: c.bias });
    this.cProj = new Linear(4 * c.nEmbd, c.nEmbd, { bias: c.bias });
  }

  forward(x: Tensor): Tensor {
    return this.cProj.forward(gelu(this.cFc.forward(x)));
  }
}

class Block extends Module {
  ln1: LayerNorm;
  attn: CausalSelfAttention;
  ln2: LayerNorm;
  mlp: Mlp;

  constructor(c: GptCase, attention: AttentionImpl) {
    super();
    this.ln1 = new LayerNorm(c.nEmbd, { bias: c.bias });
    this.attn = new CausalSelfAttention(c, attention);
    this.ln2 = new LayerNorm(c.nEmbd, { bias: c.bias });
    this.mlp = new Mlp(c);
  }

  forward(x: Tensor): Tensor {
    const h = x.add(this.attn.forward(this.ln1.forward(x)));
    return h.add(this.mlp.forward(this.ln2.forward(h)));
  }
}

/**
 * nanoGPT's model in torchlet, as examples/gpt builds it: token and learned position
 * embeddings, `nLayer` pre-LayerNorm blocks (causal self-attention, then a GELU MLP, each with a
 * residual), a final LayerNorm and an lm head tied to the token embedding; biases only with
 * `c.bias`. No dropout (the benchmark times the deterministic step). Its parameter names are
 * those of {@link gptParams}.
 *
 * @example
 * ```ts
 * const model = new Gpt(GPT);
 * const logits = model.forward(idx); // [B, T, vocabSize]
 * ```
 */
export class Gpt extends Module {
  wte: Embedding;
  wpe: Embedding;
  h: ModuleList<Block>;
  lnF: LayerNorm;
  lmHead: Linear;

  constructor(c: GptCase, attention: AttentionImpl = fusedCausal) {
    super();
    this.wte = new Embedding(c.vocabSize, c.nEmbd);
    this.wpe = new Embedding(c.blockSize, c.nEmbd);
    this.h = new ModuleList(Array.from({ length: c.nLayer }, () => new Block(c, attention)));
    this.lnF = new LayerNorm(c.nEmbd, { bias: c.bias });
    this.lmHead = new Linear(c.nEmbd, c.vocabSize, { bias: false });
    this.lmHead.weight = this.wte.weight; // tied: one parameter, two names
  }

  /** Logits `[B, T, vocabSize]` for int32 token ids `idx` `[B, T]` at positions `pos` `[T]`. */
  forward(idx: Tensor, pos: Tensor): Tensor {
    let x = this.wte.forward(idx).add(this.wpe.forward(pos));
    for (const block of this.h) x = block.forward(x);
    return this.lmHead.forward(this.lnF.forward(x));
  }
}
