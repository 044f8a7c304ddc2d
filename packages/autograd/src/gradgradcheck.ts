import { tensor, Tensor } from '@torchlet/tensor';
import { autogradGrad } from './grad';
import { enableGrad } from './grad-mode';
import { gradcheck, type GradcheckOptions } from './gradcheck';

/**
 * Checks the second derivatives of `fn` at `inputs`, like `torch.autograd.gradgradcheck`: the
 * gradients of `fn` (taken with `createGraph`) are themselves checked with {@link gradcheck},
 * as a function of the inputs and of the output gradients. The output gradients are fixed,
 * non-uniform float64 tensors (no random numbers are drawn). Inputs must be float64; those
 * with `requiresGrad` are checked.
 *
 * @example
 * ```ts
 * const x = randn([3, 4], { dtype: 'float64', requiresGrad: true });
 * gradgradcheck((a) => a.tanh(), [x]); // true
 * ```
 */
export function gradgradcheck(
  fn: (...inputs: Tensor[]) => Tensor | readonly Tensor[],
  inputs: readonly Tensor[],
  options: GradcheckOptions = {},
): true {
  const wanted = inputs.map((x) => x.requiresGrad);
  const outputs = enableGrad(() => fn(...inputs));
  const gradOutputs = (outputs instanceof Tensor ? [outputs] : [...outputs]).map((o) => {
    const values = Array.from({ length: o.numel() }, (_, i) => Math.sin(0.37 * i + 0.1) + 0.5);
    return tensor(values, { dtype: 'float64', backend: o.backend })
      .reshape([...o.shape])
      .requiresGrad_();
  });
  const n = inputs.length;
  const firstOrder = (...args: Tensor[]): Tensor[] =>
    enableGrad(() => {
      // gradcheck evaluates its perturbed points on detached copies: give them a graph here.
      const xs = args
        .slice(0, n)
        .map((x, i) => (wanted[i] && !x.requiresGrad ? x.detach().requiresGrad_() : x));
      const out = fn(...xs);
      return autogradGrad(
        out instanceof Tensor ? [out] : out,
        xs.filter((_, i) => wanted[i]),
        { gradOutputs: args.slice(n), createGraph: true, allowUnused: true },
      );
    });
  return gradcheck(firstOrder, [...inputs, ...gradOutputs], options);
}
