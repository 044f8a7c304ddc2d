import { formatShape, type DType, type Tensor } from '@torchlet/tensor';

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

/** What a {@link Node} keeps besides its backward function. */
export interface NodeOptions {
  /** The tensors the backward function uses: their versions are checked before it runs. */
  saved?: readonly Tensor[];
  /** Frees what only this node holds, when the graph is released. */
  onRelease?: (() => void) | null;
  /** The backward function is user code: the engine frees nothing it makes. */
  foreign?: boolean;
}

/** PyTorch's short type names, for the in-place error: `[Float [3]]`. */
const typeNames: Record<DType, string> = {
  float32: 'Float',
  float64: 'Double',
  int32: 'Int',
  bool: 'Bool',
};

/**
 * One recorded operation in the graph: a tensor's `gradFn`. It keeps only what its rule saved
 * (inside its backward function) until a backward pass without `retainGraph` releases it, and
 * the version of every saved tensor, so a tensor overwritten in place after it was saved makes
 * `backward` throw instead of using the new values. The edges point at producer nodes and leaf
 * tensors only, so intermediate tensors can be collected.
 *
 * @example
 * ```ts
 * const y = x.mul(3);
 * String(y.gradFn); // '<MulBackward0>'
 * ```
 */
export class Node {
  private run: BackwardFunction | null;
  private saved: readonly Tensor[];
  private readonly versions: number[];
  private onRelease: (() => void) | null;
  /** Which inputs want a gradient (fixed at record time). */
  readonly needsInputGrad: readonly boolean[];
  /** Per input: where its gradient flows. */
  readonly edges: readonly Edge[];
  /** Per input: its dtype, so gradients are cast back when an op promoted types. */
  readonly inputDTypes: readonly DType[];

  /** Whether `run` is user code (a custom function), whose tensors the engine must not free. */
  readonly foreign: boolean;

  constructor(
    /** PyTorch-style name, e.g. `MulBackward0`. */
    readonly name: string,
    inputs: readonly Tensor[],
    run: BackwardFunction,
    options: NodeOptions = {},
  ) {
    const { saved = [], onRelease = null, foreign = false } = options;
    this.run = run;
    this.saved = saved;
    this.versions = saved.map((t) => t.storage.version);
    this.onRelease = onRelease;
    this.foreign = foreign;
    const n = inputs.length;
    const needs = new Array<boolean>(n);
    const edges = new Array<Edge>(n);
    const dtypes = new Array<DType>(n);
    for (let i = 0; i < n; i++) {
      const t = inputs[i];
      needs[i] = t.requiresGrad;
      edges[i] = !t.requiresGrad ? null : t.gradFn instanceof Node ? t.gradFn : t;
      dtypes[i] = t.dtype;
    }
    this.needsInputGrad = needs;
    this.edges = edges;
    this.inputDTypes = dtypes;
  }

  /** Whether the saved tensors are still there. */
  get isAlive(): boolean {
    return this.run !== null;
  }

  /**
   * Runs the rule. Throws when the graph was already freed, or when a saved tensor was
   * modified in place since it was saved.
   */
  apply(grad: Tensor): (Tensor | null)[] {
    if (this.run === null) {
      throw new Error(
        `backward: trying to backward through the graph a second time (${this.name} has already ` +
          'freed its saved tensors); pass { retainGraph: true } to the first backward() call if you ' +
          'need to walk the graph again',
      );
    }
    for (let i = 0; i < this.saved.length; i++) {
      const t = this.saved[i];
      if (t.storage.version !== this.versions[i]) throw this.modifiedError(t, this.versions[i]);
    }
    return this.run(grad, this.needsInputGrad);
  }

  /**
   * Drops the saved tensors (the backward function that holds them). With `free`, also frees
   * what only this node holds; without it (a graph recorded by `createGraph` may still use
   * them) they are left to the garbage collector.
   */
  release(free = true): void {
    const onRelease = this.onRelease;
    this.run = null;
    this.saved = [];
    this.onRelease = null;
    if (free && onRelease !== null) onRelease();
  }

  /** The node's name in angle brackets, `<MulBackward0>` (PyTorch prints a `grad_fn` so). */
  toString(): string {
    return `<${this.name}>`;
  }

  private modifiedError(t: Tensor, expected: number): Error {
    const producer = t.gradFn instanceof Node ? `, which is output 0 of ${t.gradFn.name},` : '';
    return new Error(
      'backward: one of the variables needed for gradient computation has been modified by an ' +
        `inplace operation: [${typeNames[t.dtype]} ${formatShape(t.shape)}]${producer} is at ` +
        `version ${t.storage.version}; expected version ${expected} instead (saved by ` +
        `${this.name}). Hint: do the in-place update after backward(), or clone() the tensor ` +
        'before you write to it',
    );
  }
}
