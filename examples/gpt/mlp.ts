import { Dropout, gelu, Linear, Module, type Tensor } from 'torchlet';
import type { GPTConfig } from './gpt-config';

/**
 * The feed-forward half of a block, as nanoGPT's `MLP`: widen 4×, GELU, project back.
 *
 * @example
 * ```ts
 * new MLP({ ...config, nEmbd: 64 }).forward(randn([2, 16, 64])).shape; // [2, 16, 64]
 * ```
 */
export class MLP extends Module {
  cFc: Linear;
  cProj: Linear;
  dropout: Dropout;

  constructor(config: GPTConfig) {
    super();
    this.cFc = new Linear(config.nEmbd, 4 * config.nEmbd, { bias: config.bias });
    this.cProj = new Linear(4 * config.nEmbd, config.nEmbd, { bias: config.bias });
    this.dropout = new Dropout(config.dropout);
  }

  forward(x: Tensor): Tensor {
    return this.dropout.forward(this.cProj.forward(gelu(this.cFc.forward(x))));
  }
}
