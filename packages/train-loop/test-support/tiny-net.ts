import { Dropout, GELU, Linear, Module } from '@torchlet/layers';
import type { Tensor } from '@torchlet/tensor';

/**
 * A small classifier with dropout (so it draws from the global generator while training), for
 * this package's tests.
 *
 * @example
 * ```ts
 * const net = new TinyNet(4, 3);
 * net.forward(randn([8, 4])).shape; // [8, 3]
 * ```
 */
export class TinyNet extends Module {
  fc1: Linear;
  drop = new Dropout(0.2);
  act = new GELU();
  fc2: Linear;

  constructor(inputs = 4, classes = 3, hidden = 8) {
    super();
    this.fc1 = new Linear(inputs, hidden);
    this.fc2 = new Linear(hidden, classes);
  }

  forward(x: Tensor): Tensor {
    return this.fc2.forward(this.act.forward(this.drop.forward(this.fc1.forward(x))));
  }
}
