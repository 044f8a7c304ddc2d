import { gelu, LayerNorm, Linear, Module } from 'torchlet';

/**
 * The article's network, 16→64→64→4 with LayerNorm and GELU, in PyTorch's registration order
 * (parity/article-net.ts is its TypeScript twin): the model of both the tutorial loop and the
 * parity replay. Plain JavaScript, so every runtime loads it from the built packages.
 *
 * @example
 * ```js
 * const model = new ArticleNet(); // after manualSeed(0): the tutorial's initial weights
 * ```
 */
export class ArticleNet extends Module {
  fc1 = new Linear(16, 64);
  fc2 = new Linear(64, 64);
  fc3 = new Linear(64, 4);
  ln1 = new LayerNorm(64);
  ln2 = new LayerNorm(64);
  forward(x) {
    x = gelu(this.ln1.forward(this.fc1.forward(x)));
    x = gelu(this.ln2.forward(this.fc2.forward(x)));
    return this.fc3.forward(x);
  }
}
