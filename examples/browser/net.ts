import { gelu, LayerNorm, Linear, Module, type Tensor } from 'torchlet';

/** The article's network: 16 → 64 → 64 → 4, LayerNorm and GELU after each hidden layer. */
export class Net extends Module {
  fc1 = new Linear(16, 64);
  fc2 = new Linear(64, 64);
  fc3 = new Linear(64, 4);
  ln1 = new LayerNorm(64);
  ln2 = new LayerNorm(64);
  forward(x: Tensor): Tensor {
    x = gelu(this.ln1.forward(this.fc1.forward(x)));
    x = gelu(this.ln2.forward(this.fc2.forward(x)));
    return this.fc3.forward(x);
  }
}
