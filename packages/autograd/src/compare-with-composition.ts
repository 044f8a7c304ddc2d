import { tensor, type Backend, type Tensor } from '@torchlet/tensor';

/** Options of {@link compareWithComposition}. */
export interface CompareWithCompositionOptions {
  /**
   * The fused kernels the reference backend keeps: `'none'` (default) runs every fused op as its
   * composition both ways; `'forward'` keeps the forward kernels and drops the backward ones
   * (`…Backward`), so the ops' backward compositions run.
   */
  kernels?: 'none' | 'forward';
}

/** The largest absolute differences {@link compareWithComposition} found. */
export interface CompositionDifference {
  /** The output's largest absolute difference. */
  output: number;
  /** One per input that requires grad, in order. */
  grads: number[];
}

/**
 * Runs `f` on `inputs` as given, then on copies on the same backend without its fused kernels,
 * and returns how far apart the outputs and the inputs' gradients are: the check that a fused
 * op's kernels and its composition agree. The upstream gradient is a fixed, non-uniform tensor,
 * so rows of the gradient do not cancel. The backend must read synchronously (the CPU does).
 *
 * @example
 * ```ts
 * const d = compareWithComposition((x) => gelu(x), [randn([7, 9], { requiresGrad: true })]);
 * d.output < 1e-6 && d.grads[0] < 1e-5; // true
 * ```
 */
export function compareWithComposition(
  f: (...inputs: Tensor[]) => Tensor,
  inputs: readonly Tensor[],
  options: CompareWithCompositionOptions = {},
): CompositionDifference {
  const backend = inputs[0].backend;
  const reference = withoutKernels(backend, options.kernels ?? 'none');
  const [fused, composed] = [backend, reference].map((b) => {
    const xs = inputs.map((x) => {
      const copy = tensor(x.dataSync(), { dtype: x.dtype, backend: b }).reshape(x.shape);
      return x.requiresGrad ? copy.detach().requiresGrad_() : copy;
    });
    const y = f(...xs);
    const n = y.numel();
    const values = Array.from({ length: n }, (_, i) => Math.sin(0.37 * i + 0.1) + 0.5);
    const upstream = tensor(values, { dtype: y.dtype, backend: b }).reshape(y.shape);
    y.mul(upstream).sum().backward();
    return { y, grads: xs.filter((x) => x.requiresGrad).map((x) => x.grad!) };
  });
  return {
    output: maxDifference(fused.y, composed.y),
    grads: fused.grads.map((g, i) => maxDifference(g, composed.grads[i])),
  };
}

/** `backend` seen without its fused kernels (or without the backward ones). */
function withoutKernels(backend: Backend, keep: 'none' | 'forward'): Backend {
  const fused =
    keep === 'none' || backend.fused === undefined
      ? undefined
      : Object.fromEntries(
          Object.entries(backend.fused).filter(([name]) => !name.endsWith('Backward')),
        );
  // A prototype link keeps the methods (and `this`) of class-based backends.
  return Object.create(backend, { fused: { value: fused } }) as Backend;
}

function maxDifference(a: Tensor, b: Tensor): number {
  const x = a.dataSync();
  const y = b.dataSync();
  if (x.length !== y.length) {
    throw new RangeError(`compareWithComposition: sizes differ (${x.length} and ${y.length})`);
  }
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i]) || Number.isNaN(y[i])) {
      // NaN in both is agreement; in one only, the largest difference there is.
      if (Number.isNaN(x[i]) !== Number.isNaN(y[i])) return Infinity;
      continue;
    }
    const d = x[i] === y[i] ? 0 : Math.abs(x[i] - y[i]); // equal infinities differ by 0
    if (d > m) m = d;
  }
  return m;
}
