import { gelu, relu, sigmoid, silu, softmax, tanh } from '@torchlet/activations';
import type { Tensor } from '@torchlet/tensor';
import { Module } from './module';

/** `torch.nn.ReLU`. @example new Sequential(new Linear(4, 8), new ReLU()) */
export class ReLU extends Module {
  forward(x: Tensor): Tensor {
    return relu(x);
  }
}

/** `torch.nn.GELU`, exact (erf) by default or the tanh approximation. @example new GELU('tanh') */
export class GELU extends Module {
  /** @param approximate - `'none'` (default): the exact erf form; `'tanh'`: its approximation. */
  constructor(
    /** `'none'`: GELU with the exact erf; `'tanh'`: its tanh approximation. */
    readonly approximate: 'none' | 'tanh' = 'none',
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    return gelu(x, { approximate: this.approximate });
  }
  override extraRepr(): string {
    return `approximate='${this.approximate}'`;
  }
}

/** `torch.nn.SiLU` (swish): `x * sigmoid(x)`. @example new SiLU().forward(x) */
export class SiLU extends Module {
  forward(x: Tensor): Tensor {
    return silu(x);
  }
}

/** `torch.nn.Sigmoid`. @example new Sigmoid().forward(x) */
export class Sigmoid extends Module {
  forward(x: Tensor): Tensor {
    return sigmoid(x);
  }
}

/** `torch.nn.Tanh`. @example new Tanh().forward(x) */
export class Tanh extends Module {
  forward(x: Tensor): Tensor {
    return tanh(x);
  }
}

/** `torch.nn.Softmax(dim)`. @example new Softmax(-1).forward(logits) */
export class Softmax extends Module {
  /** @param dim - The dim the probabilities sum to 1 along (may be negative). */
  constructor(
    /** The dim the probabilities sum to 1 along (may be negative). */
    readonly dim: number,
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    return softmax(x, this.dim);
  }
  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}
