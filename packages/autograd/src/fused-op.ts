import { Tensor, type Storage } from '@torchlet/tensor';
import { composedGradients } from './composed-gradients';
import { isGradEnabled, setGradEnabled } from './grad-mode';
import { Node, type BackwardFunction } from './node';
import { savedTensors } from './saved-tensors';

/** What a fused op's `save` sees, once, when the op is recorded. */
export interface FusedSaveContext<A, K> {
  /** The op's inputs, as it was called with them. */
  readonly inputs: readonly Tensor[];
  /** The op's attributes, as it was called with them. */
  readonly attrs: A;
  /** What `forward` returned: the output and the statistics the kernel made. */
  readonly kernel: K;
}

/**
 * One fused op, declared in one place: the backend kernels it calls each way, the composition of
 * tensor ops it stands for, and what its graph node keeps. `A` is the op's attributes, `K` what
 * the forward kernel returns and `S` the saved record.
 */
export interface FusedOpSpec<
  A,
  K extends {
    /** The op's output. */
    output: Tensor;
  },
  S,
> {
  /** PyTorch's name of the node (`'GeluBackward0'`), or a function of the attributes. */
  name: string | ((attrs: A) => string);
  /**
   * The forward kernel (`x.backend.fused?.gelu`, say): its output and any statistics it made for
   * the backward (each a tensor of its own, such as a row's mean), or `undefined` when the
   * backend lacks the kernel or cannot take these inputs: then {@link compose} runs instead. The
   * statistics belong to the node: those `save` does not keep are freed at once, the rest when
   * the graph is released, and all of them when nothing is recorded.
   */
  forward(inputs: readonly Tensor[], attrs: A): K | undefined;
  /**
   * The same op written with tensor ops, so autograd can differentiate it: the forward where the
   * kernel is missing, and the backward where no {@link backward} is given.
   */
  compose(inputs: readonly Tensor[], attrs: A): Tensor;
  /**
   * What the node keeps for the backward: particular tensors, shapes, attributes. Every tensor
   * among its top-level fields (or in an array there) has its version checked before the
   * backward runs. Without {@link backward}, the node keeps the inputs too.
   */
  save(ctx: FusedSaveContext<A, K>, needs: readonly boolean[]): S;
  /**
   * The backward kernel: each input's gradient (null for none), or `undefined` when the backend
   * lacks it. Never called while the backward is itself recorded (`createGraph`).
   */
  backwardKernel?(saved: S, grad: Tensor, needs: readonly boolean[]): (Tensor | null)[] | undefined;
  /**
   * The backward written with tensor ops, for when the kernel is missing or the backward is
   * recorded. Optional: without it, the gradients come from differentiating {@link compose}
   * (which costs a second forward pass of the composition).
   */
  backward?(saved: S, grad: Tensor, needs: readonly boolean[]): (Tensor | null)[];
}

/** A fused op made by {@link fusedOp}: call it with the inputs and the attributes. */
export type FusedOp<A> = (inputs: readonly Tensor[], attrs: A) => Tensor;

/**
 * Declares a fused op: one backend kernel forward and one backward where the backend has them,
 * recorded as one graph node with PyTorch's name, and the composition of tensor ops elsewhere:
 * on backends without the kernels, and for the backward when a gradient of the gradient is
 * being recorded (`createGraph`). The node is a built-in one: it keeps only what `save`
 * declares (versions checked), frees the kernel's statistics when the graph is released, and
 * the backward pass frees the buffers its backward made and used up. Check a new op with
 * `gradcheck`, first and second order, and against its composition on a backend without
 * `fused`.
 *
 * @example
 * ```ts
 * const gelu = fusedOp({
 *   name: 'GeluBackward0',
 *   forward([x]) {
 *     const kernel = x.backend.fused?.gelu;
 *     if (kernel === undefined) return undefined;
 *     const buffer = kernel(x.detach().contiguous(), 'none', x.dtype);
 *     return { output: fromBuffer(x, buffer, x.shape, x.dtype) };
 *   },
 *   compose: ([x]) => x.mul(0.5).mul(x.mul(Math.SQRT1_2).erf().add(1)),
 *   save: ({ inputs: [x] }) => ({ x }),
 *   backwardKernel({ x }, grad) {
 *     const kernel = x.backend.fused?.geluBackward;
 *     if (kernel === undefined) return undefined;
 *     const dx = kernel(grad.detach().contiguous(), x.detach().contiguous(), 'none', x.dtype);
 *     return [fromBuffer(x, dx, x.shape, x.dtype)];
 *   },
 * });
 * gelu([randn([4, 8], { requiresGrad: true })], {}).sum().backward(); // one kernel each way
 * ```
 */
export function fusedOp<
  A,
  K extends {
    /** The op's output. */
    output: Tensor;
  },
  S,
>(spec: FusedOpSpec<A, K, S>): FusedOp<A> {
  return (inputs, attrs) => {
    // The kernel call records nothing itself: the op is recorded below, as one node.
    const previous = setGradEnabled(false);
    let kernel: K | undefined;
    try {
      kernel = spec.forward(inputs, attrs);
    } finally {
      setGradEnabled(previous);
    }
    if (kernel === undefined) return spec.compose(inputs, attrs);
    const output = kernel.output;
    const stats = statsOf(kernel, inputs);
    if (!records(inputs, output)) {
      for (const s of stats) s.dispose();
      return output;
    }
    const needs = inputs.map((x) => x.requiresGrad);
    const saved = spec.save({ inputs, attrs, kernel }, needs);
    const kept = savedTensors(saved);
    const composed = spec.backward === undefined;
    if (composed) kept.push(...inputs);
    const keptStorages = new Set<Storage>(kept.map((t) => t.storage));
    const held = stats.filter((s) => keptStorages.has(s.storage));
    for (const s of stats) if (!keptStorages.has(s.storage)) s.dispose();
    const name = typeof spec.name === 'string' ? spec.name : spec.name(attrs);
    output.gradFn = new Node(
      name,
      inputs,
      backwardOf(spec, saved, attrs, kept, composed ? inputs : null, name),
      {
        saved: kept,
        onRelease: held.length === 0 ? null : () => held.forEach((s) => s.dispose()),
      },
    );
    output.requiresGrad = true;
    return output;
  };
}

/** Whether the op is recorded: grad mode is on, an input requires grad, the output is float. */
function records(inputs: readonly Tensor[], output: Tensor): boolean {
  return (
    isGradEnabled() &&
    inputs.some((x) => x.requiresGrad) &&
    (output.dtype === 'float32' || output.dtype === 'float64')
  );
}

/** The kernel's statistics: every tensor it returned besides the output and the inputs. */
function statsOf(kernel: { output: Tensor }, inputs: readonly Tensor[]): Tensor[] {
  const owned = new Set<Storage>([kernel.output.storage, ...inputs.map((x) => x.storage)]);
  return Object.values(kernel).filter(
    (v): v is Tensor => v instanceof Tensor && !owned.has(v.storage),
  );
}

/**
 * The node's backward. Built apart from the op so that it closes over the saved record (and the
 * inputs only when the composition must be differentiated), never over the output.
 */
function backwardOf<A, K extends { output: Tensor }, S>(
  spec: FusedOpSpec<A, K, S>,
  saved: S,
  attrs: A,
  kept: readonly Tensor[],
  inputs: readonly Tensor[] | null,
  name: string,
): BackwardFunction {
  return (grad, needs) => {
    // A recorded backward (createGraph) must be made of tensor ops, which autograd records.
    const recorded = isGradEnabled() && (grad.requiresGrad || kept.some((t) => t.requiresGrad));
    let grads = recorded ? undefined : spec.backwardKernel?.(saved, grad, needs);
    if (grads === undefined) {
      grads =
        inputs === null
          ? spec.backward!(saved, grad, needs)
          : composedGradients((xs) => spec.compose(xs, attrs), inputs, grad, needs, name);
    }
    if (grads.length !== needs.length) {
      throw new Error(
        `${name}: the backward returned ${grads.length} gradients for ${needs.length} inputs`,
      );
    }
    return grads;
  };
}
