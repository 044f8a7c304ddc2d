import {
  arange,
  Dropout,
  Embedding,
  LayerNorm,
  Linear,
  Module,
  ModuleList,
  normal_,
  zeros_,
  type Tensor,
} from 'torchlet';
import { Block } from './block';
import type { GPTConfig } from './gpt-config';

/**
 * A GPT in nanoGPT's shape: token and learned position embeddings, `nLayer` pre-LayerNorm
 * blocks, a final LayerNorm and a language-model head that shares its weight with the token
 * embedding. `forward(idx)` maps token ids `[B, T]` (int32, `T ≤ blockSize`) to next-token
 * logits `[B, T, vocabSize]`.
 *
 * Initialisation is nanoGPT's: every Linear and Embedding weight N(0, 0.02), biases zero, and the
 * projections back into the residual stream (`cProj`) N(0, 0.02/√(2·nLayer)), so the residual
 * sum does not grow with depth.
 *
 * @example
 * ```ts
 * const model = new GPT({ vocabSize: 65, blockSize: 64, nLayer: 2, nHead: 4, nEmbd: 64, dropout: 0, bias: true });
 * model.forward(tensor([[1, 2, 3]], { dtype: 'int32' })).shape; // [1, 3, 65]
 * ```
 */
export class GPT extends Module {
  wte: Embedding;
  wpe: Embedding;
  drop: Dropout;
  h: ModuleList<Block>;
  lnF: LayerNorm;
  lmHead: Linear;
  readonly config: GPTConfig;

  constructor(config: GPTConfig) {
    super();
    this.config = { ...config };
    this.wte = new Embedding(config.vocabSize, config.nEmbd);
    this.wpe = new Embedding(config.blockSize, config.nEmbd);
    this.drop = new Dropout(config.dropout);
    this.h = new ModuleList(Array.from({ length: config.nLayer }, () => new Block(config)));
    this.lnF = new LayerNorm(config.nEmbd, { bias: config.bias });
    this.lmHead = new Linear(config.nEmbd, config.vocabSize, { bias: false });
    // Weight tying: the head scores each token by its own embedding. One Parameter, two names.
    this.lmHead.weight = this.wte.weight;

    this.apply((m) => {
      if (m instanceof Linear || m instanceof Embedding) normal_(m.weight, 0, 0.02);
      if (m instanceof Linear && m.bias !== null) zeros_(m.bias);
    });
    const residualStd = 0.02 / Math.sqrt(2 * config.nLayer);
    for (const [name, p] of this.namedParameters()) {
      if (name.endsWith('cProj.weight')) normal_(p, 0, residualStd);
    }
  }

  forward(idx: Tensor): Tensor {
    const [, t] = idx.shape;
    if (idx.ndim !== 2 || t > this.config.blockSize) {
      throw new RangeError(
        `GPT: expected token ids [B, T] with T <= blockSize (${this.config.blockSize}), ` +
          `got [${idx.shape.join(', ')}]; crop the context to its last ${this.config.blockSize} tokens`,
      );
    }
    const pos = arange(t); // int32 positions 0..t-1
    let x = this.drop.forward(this.wte.forward(idx).add(this.wpe.forward(pos)));
    for (const block of this.h) x = block.forward(x);
    return this.lmHead.forward(this.lnF.forward(x));
  }
}
