import { Tensor } from '@torchlet/tensor';
import { isGradEnabled, noGrad } from './grad-mode';
import { Node, type BackwardFunction } from './node';

/** What a custom function's forward and backward share. */
export interface FunctionContext {
  /**
   * Keeps tensors for the backward pass (PyTorch's `ctx.save_for_backward`). Their versions are
   * recorded: backward throws if one is modified in place before it runs.
   */
  saveForBackward(...tensors: Tensor[]): void;
  /** The tensors kept by {@link saveForBackward}. */
  readonly saved: readonly Tensor[];
  /** Which inputs need a gradient; skip the work for the others. */
  readonly needsInputGrad: readonly boolean[];
}

/** The two halves of a differentiable function. */
export interface CustomFunctionSpec<Args extends Tensor[]> {
  /** Shown as the output's `gradFn` name, e.g. `'FusedGelu'` → `FusedGeluBackward`. */
  name: string;
  /** Computes the output. Runs with recording off: only the custom backward is used. */
  forward(ctx: FunctionContext, ...inputs: Args): Tensor;
  /** The gradient of each input from the gradient of the output (null for none). */
  backward(ctx: FunctionContext, grad: Tensor): (Tensor | null)[];
}

/**
 * Makes a differentiable op from a forward and its backward, like `torch.autograd.Function`:
 * the forward may call anything, and the graph sees one node. Its backward is user code, so the
 * backward pass frees none of the tensors it makes. For a backend's fused kernel with a
 * composition to fall back on, use `fusedOp`. Check the backward with {@link gradcheck}.
 *
 * @example
 * ```ts
 * const square = customFunction({
 *   name: 'Square',
 *   forward(ctx, x: Tensor) { ctx.saveForBackward(x); return x.mul(x); },
 *   backward(ctx, grad) { const [x] = ctx.saved; return [grad.mul(x).mul(2)]; },
 * });
 * square(tensor(3, { requiresGrad: true })).backward(); // x.grad = 6
 * ```
 */
export function customFunction<Args extends Tensor[]>(
  spec: CustomFunctionSpec<Args>,
): (...inputs: Args) => Tensor {
  return (...inputs: Args): Tensor => {
    inputs.forEach((x, i) => {
      if (!(x instanceof Tensor)) {
        throw new TypeError(`${spec.name}: input ${i} must be a Tensor, got ${typeof x}`);
      }
    });
    const saved: Tensor[] = [];
    const ctx: FunctionContext = {
      saveForBackward: (...tensors) => {
        saved.push(...tensors);
      },
      saved,
      needsInputGrad: inputs.map((x) => x.requiresGrad),
    };
    const output = noGrad(() => spec.forward(ctx, ...inputs));
    if (!(output instanceof Tensor))
      throw new TypeError(`${spec.name}: forward must return a Tensor`);
    if (
      isGradEnabled() &&
      inputs.some((x) => x.requiresGrad) &&
      (output.dtype === 'float32' || output.dtype === 'float64')
    ) {
      // A fresh tensor object, so the node never lands on a tensor forward returned unchanged.
      const result = output.detach();
      result.gradFn = new Node(
        `${spec.name}Backward`,
        inputs,
        backwardOf(spec, ctx, inputs.length),
        { saved, foreign: true },
      );
      result.requiresGrad = true;
      return result;
    }
    return output;
  };
}

/** The node's backward function; it closes over the context, not over the inputs. */
function backwardOf<Args extends Tensor[]>(
  spec: CustomFunctionSpec<Args>,
  ctx: FunctionContext,
  inputCount: number,
): BackwardFunction {
  return (grad) => {
    const grads = spec.backward(ctx, grad);
    if (grads.length !== inputCount) {
      throw new Error(
        `${spec.name}: backward returned ${grads.length} gradients for ${inputCount} inputs`,
      );
    }
    return grads;
  };
}
