import { gelu } from '@torchlet/activations';
import { noGrad } from '@torchlet/autograd';
import { LayerNorm, Linear, Module } from '@torchlet/layers';
import type { Tensor } from '@torchlet/tensor';
import { parityTensor, type ParityArray } from '@torchlet/tensor/testing';

/**
 * The article's network, 16 → 64 → 64 → 4 with LayerNorm and GELU after each hidden layer, as
 * parity/gen-parity.py defines it: the fields in PyTorch's registration order, so `stateDict()`
 * and `namedParameters()` list the trace's `init` names in the same order. The parity tests of
 * train-loop, torchlet and backend-gpujs train it; examples keep their own copy, which a reader
 * reads and copies.
 *
 * @example
 * ```ts
 * import { ArticleNet } from '../../../parity/article-net';
 * const net = new ArticleNet();
 * net.forward(randn([8, 16])).shape; // [8, 4]
 * ```
 */
export class ArticleNet extends Module {
  fc1 = new Linear(16, 64);
  fc2 = new Linear(64, 64);
  fc3 = new Linear(64, 4);
  ln1 = new LayerNorm(64);
  ln2 = new LayerNorm(64);

  /**
   * A network whose parameters are the given ones (e.g. a parity trace's `init`, PyTorch's
   * initial weights), converted to float32 on the default backend.
   *
   * @example
   * ```ts
   * const model = ArticleNet.withWeights(trace.init);
   * ```
   */
  static withWeights(weights: Readonly<Record<string, ParityArray>>): ArticleNet {
    const net = new ArticleNet();
    noGrad(() => {
      for (const [name, p] of net.namedParameters()) {
        const value = weights[name];
        if (value === undefined) throw new Error(`ArticleNet.withWeights: no weights for ${name}`);
        p.copy_(parityTensor(value));
      }
    });
    return net;
  }

  forward(x: Tensor): Tensor {
    x = gelu(this.ln1.forward(this.fc1.forward(x)));
    x = gelu(this.ln2.forward(this.fc2.forward(x)));
    return this.fc3.forward(x);
  }
}
