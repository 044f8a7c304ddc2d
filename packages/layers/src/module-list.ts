import { Module } from './module';

/**
 * Holds sub-modules in a list so their parameters are registered (`layers.0.weight`), like
 * `torch.nn.ModuleList`. It has no forward of its own: iterate over it. The element type is kept
 * (`new ModuleList([new Linear(4, 4)])` is a `ModuleList<Linear>`), so each module's `forward`
 * keeps its signature in the loop.
 *
 * @typeParam M - the modules' type (inferred from the constructor's argument).
 *
 * @example
 * ```ts
 * class Deep extends Module {
 *   layers = new ModuleList(Array.from({ length: 4 }, () => new Linear(32, 32)));
 *   forward(x: Tensor) { for (const l of this.layers) x = relu(l.forward(x)); return x; }
 * }
 * ```
 */
export class ModuleList<M extends Module = Module>
  extends Module<[], never>
  implements Iterable<M>
{
  /** @param modules - the first modules, in order (more with {@link push}). */
  constructor(modules: Iterable<M> = []) {
    super();
    for (const m of modules) this.push(m);
  }

  /** The number of modules. */
  get length(): number {
    return this.children().length;
  }

  /**
   * Appends a module, named by its index.
   *
   * @example
   * ```ts
   * const blocks = new ModuleList<Linear>();
   * blocks.push(new Linear(8, 8)).push(new Linear(8, 8)); // blocks.0, blocks.1
   * ```
   */
  push(module: M): this {
    if (!(module instanceof Module)) throw new TypeError('ModuleList: can only hold Modules');
    (this as unknown as Record<string, Module>)[this.length] = module;
    return this;
  }

  /** The module at `index` (negative counts from the end), like PyTorch's `list[index]`. */
  at(index: number): M {
    const kids = this.children() as M[];
    const m = kids[index < 0 ? index + kids.length : index];
    if (m === undefined)
      throw new RangeError(`ModuleList: index ${index} is out of range for ${kids.length} modules`);
    return m;
  }

  /** The modules, in order: `for (const layer of list) x = layer.forward(x)`. */
  [Symbol.iterator](): Iterator<M> {
    return (this.children() as M[])[Symbol.iterator]();
  }

  /** Throws: a `ModuleList` only holds modules (as in PyTorch); iterate over it and call each. */
  forward(): never {
    throw new TypeError('ModuleList has no forward(); iterate over it and call each module');
  }
}
