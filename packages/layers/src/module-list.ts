import { Module } from './module';

/**
 * Holds sub-modules in a list so their parameters are registered (`layers.0.weight`), like
 * `torch.nn.ModuleList`. It has no forward of its own: iterate over it.
 *
 * @example
 * ```ts
 * class Deep extends Module {
 *   layers = new ModuleList(Array.from({ length: 4 }, () => new Linear(32, 32)));
 *   forward(x: Tensor) { for (const l of this.layers) x = relu(l.forward(x)); return x; }
 * }
 * ```
 */
export class ModuleList<M extends Module = Module> extends Module implements Iterable<M> {
  constructor(modules: Iterable<M> = []) {
    super();
    for (const m of modules) this.push(m);
  }

  /** The number of modules. */
  get length(): number {
    return this.children().length;
  }

  /** Appends a module. */
  push(module: M): this {
    if (!(module instanceof Module)) throw new TypeError('ModuleList: can only hold Modules');
    (this as unknown as Record<string, Module>)[this.length] = module;
    return this;
  }

  /** The module at `index` (negative counts from the end). */
  at(index: number): M {
    const kids = this.children() as M[];
    const m = kids[index < 0 ? index + kids.length : index];
    if (m === undefined)
      throw new RangeError(`ModuleList: index ${index} is out of range for ${kids.length} modules`);
    return m;
  }

  [Symbol.iterator](): Iterator<M> {
    return (this.children() as M[])[Symbol.iterator]();
  }

  forward(): never {
    throw new TypeError('ModuleList has no forward(); iterate over it and call each module');
  }
}
