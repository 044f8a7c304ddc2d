import type { Primitive, PrimitiveAttrs } from './primitives';
import type { Tensor } from './tensor';

/** Options of `tensor.backward()`. */
export interface BackwardOptions {
  /** Keep the graph after the pass, so it can be walked again. Default `false`. */
  retainGraph?: boolean;
  /** Record the backward pass itself, for higher-order gradients. Default `false`. */
  createGraph?: boolean;
}

/**
 * What tensor needs from a gradient engine. `@torchlet/autograd` provides the only one and
 * attaches it when imported; tensor itself knows nothing about derivatives.
 */
export interface GradientEngine {
  /** False inside `noGrad`: nothing is recorded. */
  isGradEnabled(): boolean;
  /** Called once per primitive whose inputs include a tensor that requires gradients. */
  record<K extends Primitive>(
    op: K,
    inputs: readonly Tensor[],
    output: Tensor,
    attrs: PrimitiveAttrs[K],
  ): void;
  /** Runs `root.backward(gradient)`. */
  backward(root: Tensor, gradient: Tensor | undefined, options: BackwardOptions): void;
}

let engine: GradientEngine | null = null;

/**
 * Attaches the gradient engine. This is the single import side effect torchlet allows:
 * `import '@torchlet/autograd'` calls it. Attaching the same engine again does nothing; attaching
 * a different one throws, because it means two copies of `@torchlet/autograd` share this tensor,
 * and the grad mode (`noGrad`) and graph of one would be invisible to the other.
 *
 * @example
 * ```ts
 * attachGradientEngine(engine); // what `import '@torchlet/autograd'` runs
 * ```
 */
export function attachGradientEngine(next: GradientEngine): void {
  if (engine !== null && engine !== next) {
    throw new Error(
      'attachGradientEngine: a second gradient engine is being attached: two copies of ' +
        '@torchlet/autograd are installed, and noGrad() or backward() of one would not see the ' +
        'other. Install one copy: `npm ls @torchlet/autograd` lists them, `npm dedupe` (or ' +
        '`pnpm dedupe`) merges them; packages must list @torchlet/autograd as a peer dependency.',
    );
  }
  engine = next;
}

/** The attached engine, or `null` when `@torchlet/autograd` was never imported. */
export function getGradientEngine(): GradientEngine | null {
  return engine;
}

/**
 * The single dispatch point every primitive reports to. Cheap when nothing requires gradients:
 * one null check and a scan of the inputs' flags.
 */
export function record<K extends Primitive>(
  op: K,
  inputs: readonly Tensor[],
  output: Tensor,
  attrs: PrimitiveAttrs[K],
): Tensor {
  if (engine === null) return output;
  let any = false;
  for (let i = 0; i < inputs.length; i++) {
    if (inputs[i].requiresGrad) {
      any = true;
      break;
    }
  }
  if (!any || !engine.isGradEnabled()) return output;
  if (output.dtype !== 'float32' && output.dtype !== 'float64') return output;
  engine.record(op, inputs, output, attrs);
  return output;
}
