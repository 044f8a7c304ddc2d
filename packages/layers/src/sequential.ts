import type { Tensor } from '@torchlet/tensor';
import { Module } from './module';

/**
 * Runs modules one after another, like `torch.nn.Sequential`. Children are named `0`, `1`, …
 * so parameter names match PyTorch's (`0.weight`).
 *
 * @example
 * ```ts
 * const mlp = new Sequential(new Linear(4, 64), new ReLU(), new Linear(64, 3));
 * mlp.forward(randn([8, 4])).shape; // [8, 3]
 * ```
 */
export class Sequential extends Module {
  constructor(...modules: Module[]) {
    super();
    modules.forEach((m, i) => {
      if (!(m instanceof Module)) throw new TypeError(`Sequential: argument ${i} is not a Module`);
      (this as unknown as Record<string, Module>)[i] = m;
    });
  }

  /** The number of modules. */
  get length(): number {
    return this.children().length;
  }

  /** The module at `index` (negative counts from the end). */
  at(index: number): Module {
    const kids = this.children();
    const m = kids[index < 0 ? index + kids.length : index];
    if (m === undefined)
      throw new RangeError(`Sequential: index ${index} is out of range for ${kids.length} modules`);
    return m;
  }

  forward(x: Tensor): Tensor {
    let y = x;
    for (const m of this.children()) y = m.forward(y);
    return y;
  }
}
