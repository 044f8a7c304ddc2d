import { Dropout, Linear, Module, scaledDotProductAttention, type Tensor } from 'torchlet';
import type { GPTConfig } from './gpt-config';

/**
 * Multi-head causal self-attention, as nanoGPT's `CausalSelfAttention`: one Linear makes q, k and
 * v for every head, the fused `scaledDotProductAttention` with `isCausal` lets each position see
 * only itself and the positions before it, and `cProj` mixes the heads back.
 *
 * @example
 * ```ts
 * const attn = new CausalSelfAttention({ ...config, nEmbd: 64, nHead: 4 });
 * attn.forward(randn([2, 16, 64])).shape; // [2, 16, 64]
 * ```
 */
export class CausalSelfAttention extends Module {
  cAttn: Linear;
  cProj: Linear;
  residDropout: Dropout;
  readonly nHead: number;
  readonly nEmbd: number;
  readonly dropout: number;

  constructor(config: GPTConfig) {
    super();
    if (config.nEmbd % config.nHead !== 0) {
      throw new RangeError(
        `CausalSelfAttention: nEmbd (${config.nEmbd}) must be divisible by nHead (${config.nHead})`,
      );
    }
    this.cAttn = new Linear(config.nEmbd, 3 * config.nEmbd, { bias: config.bias });
    this.cProj = new Linear(config.nEmbd, config.nEmbd, { bias: config.bias });
    this.residDropout = new Dropout(config.dropout);
    this.nHead = config.nHead;
    this.nEmbd = config.nEmbd;
    this.dropout = config.dropout;
  }

  forward(x: Tensor): Tensor {
    const [b, t, c] = x.shape; // batch, sequence length, embedding width
    const [q, k, v] = this.cAttn.forward(x).split(this.nEmbd, 2);
    // [B, T, C] → [B, nHead, T, headSize]: the heads become a batch dim of the attention.
    const heads = (z: Tensor) => z.view(b, t, this.nHead, c / this.nHead).transpose(1, 2);
    const y = scaledDotProductAttention(heads(q), heads(k), heads(v), {
      isCausal: true,
      dropoutP: this.training ? this.dropout : 0,
    });
    // Put the heads side by side again: [B, nHead, T, headSize] → [B, T, C].
    return this.residDropout.forward(
      this.cProj.forward(y.transpose(1, 2).contiguous().view(b, t, c)),
    );
  }
}
