import type { Tensor } from '@torchlet/tensor';
import { Module } from './module';

/**
 * What `Sequential<Ms>.forward` takes: the first argument of the first module's `forward`, or
 * `Tensor` where that is not known (no modules, a `Module[]` list rather than a tuple, or a
 * module typed as plain `Module`).
 *
 * @example
 * ```ts
 * type In = SequentialInput<[Embedding, Linear]>; // Tensor
 * ```
 */
export type SequentialInput<Ms extends readonly Module[]> = Ms extends readonly [
  {
    /** The first module's `forward`, whose first argument is the input. */
    forward(first: infer X, ...rest: any[]): unknown;
  },
  ...unknown[],
]
  ? 0 extends 1 & X // X is any: say Tensor, what a Sequential passes along
    ? Tensor
    : X
  : Tensor;

/**
 * What `Sequential<Ms>.forward` returns: the last module's output, or `Tensor` where that is not
 * known (no modules, a `Module[]` list rather than a tuple, or a module typed as plain `Module`).
 *
 * @example
 * ```ts
 * class Heads extends Module {
 *   forward(x: Tensor) { return { logits: x, value: x.sum(-1) }; }
 * }
 * type Out = SequentialOutput<[Linear, Heads]>; // { logits: Tensor; value: Tensor }
 * ```
 */
export type SequentialOutput<Ms extends readonly Module[]> = Ms extends readonly [
  ...unknown[],
  {
    /** The last module's `forward`, whose result is the output. */
    forward(...inputs: any[]): infer Y;
  },
]
  ? 0 extends 1 & Y // Y is any
    ? Tensor
    : Y
  : Tensor;

/**
 * Runs modules one after another, like `torch.nn.Sequential`. Children are named `0`, `1`, …
 * so parameter names match PyTorch's (`0.weight`).
 *
 * The modules' types are kept: `forward` takes what the first module takes and returns what the
 * last returns (`Tensor` where they are not known, as for `new Sequential(...list)` with a
 * `Module[]`), and `at(i)` is one of them.
 *
 * @typeParam Ms - the modules, as a tuple (inferred from the arguments).
 *
 * @example
 * ```ts
 * const mlp = new Sequential(new Linear(4, 64), new ReLU(), new Linear(64, 3));
 * mlp.forward(randn([8, 4])).shape; // [8, 3]
 * ```
 */
export class Sequential<Ms extends readonly Module[] = Module[]> extends Module<
  [SequentialInput<Ms>],
  SequentialOutput<Ms>
> {
  /** @param modules - the modules, run in this order; each one's output is the next one's input. */
  constructor(...modules: Ms) {
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

  /**
   * The module at `index` (negative counts from the end), like PyTorch's `seq[index]`.
   *
   * @example
   * ```ts
   * new Sequential(new Linear(4, 8), new ReLU()).at(-1); // the ReLU
   * ```
   */
  at(index: number): Ms[number] {
    const kids = this.children();
    const m = kids[index < 0 ? index + kids.length : index];
    if (m === undefined)
      throw new RangeError(`Sequential: index ${index} is out of range for ${kids.length} modules`);
    return m as Ms[number];
  }

  /**
   * Feeds `x` to the first module and each output to the next; returns the last output (`x`
   * itself when there are no modules, as in PyTorch).
   *
   * @example
   * ```ts
   * const y: Tensor = new Sequential(new Linear(4, 2), new Tanh()).forward(randn([8, 4]));
   * ```
   */
  forward(x: SequentialInput<Ms>): SequentialOutput<Ms> {
    let y: unknown = x;
    for (const m of this.children()) y = m.forward(y);
    return y as SequentialOutput<Ms>;
  }
}
