import { LayerNorm, Module, type Tensor } from 'torchlet';
import { CausalSelfAttention } from './causal-self-attention';
import type { GPTConfig } from './gpt-config';
import { MLP } from './mlp';

/**
 * One pre-LayerNorm transformer block, as nanoGPT's `Block`: the tokens talk to each other
 * (attention), then each thinks on its own (MLP); each half adds its result to the residual.
 *
 * @example
 * ```ts
 * new Block(config).forward(randn([2, 16, config.nEmbd])).shape; // [2, 16, nEmbd]
 * ```
 */
export class Block extends Module {
  ln1: LayerNorm;
  attn: CausalSelfAttention;
  ln2: LayerNorm;
  mlp: MLP;

  constructor(config: GPTConfig) {
    super();
    this.ln1 = new LayerNorm(config.nEmbd, { bias: config.bias });
    this.attn = new CausalSelfAttention(config);
    this.ln2 = new LayerNorm(config.nEmbd, { bias: config.bias });
    this.mlp = new MLP(config);
  }

  forward(x: Tensor): Tensor {
    x = x.add(this.attn.forward(this.ln1.forward(x)));
    return x.add(this.mlp.forward(this.ln2.forward(x)));
  }
}
