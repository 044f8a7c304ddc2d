import type { DType, Tensor } from '@torchlet/tensor';

/** Computes the gradients of a node's inputs from the gradient of its output. */
export type BackwardFunction = (
  grad: Tensor,
  needsInputGrad: readonly boolean[],
) => (Tensor | null)[];

/**
 * Where an input's gradient goes: the node that produced it, the leaf tensor that accumulates
 * it in `.grad`, or nowhere.
 */
export type Edge = Node | Tensor | null;

/**
 * One recorded operation in the graph: a tensor's `gradFn`. It keeps the tensors its rule needs
 * (inside its backward closure) until a backward pass without `retainGraph` releases them. The
 * edges point at producer nodes and leaf tensors only, so intermediate tensors can be collected.
 *
 * @example
 * ```ts
 * const y = x.mul(3);
 * String(y.gradFn); // '<MulBackward0>'
 * ```
 */
export class Node {
  private run: BackwardFunction | null;
  /** Which inputs want a gradient (fixed at record time). */
  readonly needsInputGrad: readonly boolean[];
  /** Per input: where its gradient flows. */
  readonly edges: readonly Edge[];
  /** Per input: its dtype, so gradients are cast back when an op promoted types. */
  readonly inputDTypes: readonly DType[];

  constructor(
    /** PyTorch-style name, e.g. `MulBackward0`. */
    readonly name: string,
    inputs: readonly Tensor[],
    run: BackwardFunction,
  ) {
    this.run = run;
    this.needsInputGrad = inputs.map((t) => t.requiresGrad);
    this.edges = inputs.map((t) =>
      !t.requiresGrad ? null : t.gradFn instanceof Node ? t.gradFn : t,
    );
    this.inputDTypes = inputs.map((t) => t.dtype);
  }

  /** Whether the saved tensors are still there. */
  get isAlive(): boolean {
    return this.run !== null;
  }

  /** Runs the rule. Throws when the graph was already freed. */
  apply(grad: Tensor): (Tensor | null)[] {
    if (this.run === null) {
      throw new Error(
        `backward: trying to backward through the graph a second time (${this.name} has already ` +
          'freed its saved tensors); pass { retainGraph: true } to the first backward() call if you ' +
          'need to walk the graph again',
      );
    }
    return this.run(grad, this.needsInputGrad);
  }

  /** Drops the saved tensors (the closure that holds them). */
  release(): void {
    this.run = null;
  }

  toString(): string {
    return `<${this.name}>`;
  }
}
