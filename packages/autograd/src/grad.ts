import { Tensor, zerosLike } from '@torchlet/tensor';
import { runBackward } from './engine';
import { enableGrad } from './grad-mode';

/** Options of {@link autogradGrad}. */
export interface AutogradGradOptions {
  /** Upstream gradients, one per output (needed for non-scalar outputs). */
  gradOutputs?: readonly (Tensor | undefined)[];
  /** Keep the graph's saved tensors for another backward (default: `createGraph`). */
  retainGraph?: boolean;
  /** Record the backward itself, so the gradients can be differentiated again (default false). */
  createGraph?: boolean;
  /** Give zeros for inputs the outputs do not depend on, instead of throwing. */
  allowUnused?: boolean;
}

/**
 * The gradients of `outputs` with respect to `inputs`, returned rather than accumulated into
 * `.grad`, like `torch.autograd.grad`.
 *
 * @example
 * ```ts
 * const x = tensor(3, { requiresGrad: true });
 * const [dx] = autogradGrad([x.mul(x)], [x]); // 6
 * ```
 */
export function autogradGrad(
  outputs: readonly Tensor[],
  inputs: readonly Tensor[],
  options: AutogradGradOptions = {},
): Tensor[] {
  const {
    gradOutputs = [],
    retainGraph = options.createGraph ?? false,
    createGraph = false,
    allowUnused = false,
  } = options;
  return runBackward(
    outputs,
    outputs.map((_, i) => gradOutputs[i]),
    { inputs, retainGraph, createGraph, allowUnused },
  )!;
}

function leavesOf(args: readonly unknown[], argnums: readonly number[]): unknown[] {
  const copy = [...args];
  for (const i of argnums) {
    const a = args[i];
    if (!(a instanceof Tensor))
      throw new TypeError(`grad: argument ${i} must be a Tensor, got ${typeof a}`);
    copy[i] = a.detach().requiresGrad_(true);
  }
  return copy;
}

function scalarOf(value: unknown): Tensor {
  if (!(value instanceof Tensor) || value.numel() !== 1) {
    throw new TypeError('grad: the function must return a one-element Tensor (a scalar loss)');
  }
  return value;
}

/**
 * Turns a scalar function into the function of its gradient, like JAX's `grad`. By default the
 * gradient is with respect to the first argument; `argnums` picks others (an array gives an array).
 *
 * @example
 * ```ts
 * const f = (x: Tensor) => x.pow(3).sum();
 * grad(f)(tensor([1, 2])); // tensor([3., 12.])
 * ```
 */
export function grad<A extends unknown[]>(
  fn: (...args: A) => Tensor,
  argnums?: number,
): (...args: A) => Tensor;
export function grad<A extends unknown[]>(
  fn: (...args: A) => Tensor,
  argnums: readonly number[],
): (...args: A) => Tensor[];
export function grad<A extends unknown[]>(
  fn: (...args: A) => Tensor,
  argnums: number | readonly number[] = 0,
): (...args: A) => Tensor | Tensor[] {
  const vg = valueAndGrad(fn, argnums as readonly number[]);
  return (...args: A) => vg(...args)[1];
}

/**
 * Like {@link grad}, but returns `[value, gradient]` from one evaluation.
 *
 * @example
 * ```ts
 * const [loss, dw] = valueAndGrad((w: Tensor) => w.mul(w).sum())(tensor([1, 2]));
 * ```
 */
export function valueAndGrad<A extends unknown[]>(
  fn: (...args: A) => Tensor,
  argnums?: number,
): (...args: A) => [Tensor, Tensor];
export function valueAndGrad<A extends unknown[]>(
  fn: (...args: A) => Tensor,
  argnums: readonly number[],
): (...args: A) => [Tensor, Tensor[]];
export function valueAndGrad<A extends unknown[]>(
  fn: (...args: A) => Tensor,
  argnums: number | readonly number[] = 0,
): (...args: A) => [Tensor, Tensor | Tensor[]] {
  const nums = typeof argnums === 'number' ? [argnums] : argnums;
  return (...args: A): [Tensor, Tensor | Tensor[]] => {
    const call = leavesOf(args, nums) as A;
    const value = enableGrad(() => scalarOf(fn(...call)));
    const inputs = nums.map((i) => call[i] as Tensor);
    const grads = value.requiresGrad
      ? autogradGrad([value], inputs, { allowUnused: true })
      : inputs.map((x) => zerosLike(x));
    return [value.detach(), typeof argnums === 'number' ? grads[0] : grads];
  };
}
