import { formatShape, tensor, Tensor } from '@torchlet/tensor';
import { autogradGrad } from './grad';
import { noGrad } from './grad-mode';

/** Options of {@link gradcheck}. */
export interface GradcheckOptions {
  /** Finite-difference step. Default 1e-6. */
  eps?: number;
  /** Absolute tolerance. Default 1e-5. */
  atol?: number;
  /** Relative tolerance. Default 1e-3. */
  rtol?: number;
}

/** Thrown by {@link gradcheck} when an analytic gradient disagrees with finite differences. */
export class GradcheckError extends Error {
  /** `'GradcheckError'`, for `error.name` checks and stack traces. */
  override name = 'GradcheckError';
}

function outputsOf(value: Tensor | readonly Tensor[]): Tensor[] {
  return value instanceof Tensor ? [value] : [...value];
}

/**
 * Checks the gradients of `fn` at `inputs` against central finite differences, like
 * `torch.autograd.gradcheck`. Inputs must be float64 tensors; those with `requiresGrad` are
 * checked. Returns true, or throws a {@link GradcheckError} naming the input, the element, and
 * both values.
 *
 * @example
 * ```ts
 * const x = randn([3, 4], { dtype: 'float64', requiresGrad: true });
 * gradcheck((a) => a.tanh().sum(1), [x]); // true
 * ```
 */
export function gradcheck(
  fn: (...inputs: Tensor[]) => Tensor | readonly Tensor[],
  inputs: readonly Tensor[],
  options: GradcheckOptions = {},
): true {
  const { eps = 1e-6, atol = 1e-5, rtol = 1e-3 } = options;
  inputs.forEach((x, i) => {
    if (x.requiresGrad && x.dtype !== 'float64') {
      throw new TypeError(
        `gradcheck: input ${i} is ${x.dtype}; gradcheck needs float64 inputs for precision (use .double())`,
      );
    }
  });
  const checked = inputs.map((x, i) => [x, i] as const).filter(([x]) => x.requiresGrad);
  if (checked.length === 0)
    throw new TypeError('gradcheck: no input requires grad; nothing to check');

  const outputs = outputsOf(fn(...inputs));
  const outSizes = outputs.map((o) => o.numel());

  // Numerical Jacobian: J[input][element][flat output index].
  const numerical = checked.map(([x, i]) => {
    const base = Float64Array.from(x.dataSync());
    const columns: Float64Array[] = [];
    for (let e = 0; e < base.length; e++) {
      const at = (delta: number) => {
        const values = base.slice();
        values[e] += delta;
        const moved = tensor(values, { dtype: 'float64', backend: x.backend }).reshape([
          ...x.shape,
        ]);
        const args = inputs.map((y, j) => (j === i ? moved : y.detach()));
        return noGrad(() => outputsOf(fn(...args))).map((o) =>
          Float64Array.from(o.to('float64').dataSync()),
        );
      };
      const plus = at(eps);
      const minus = at(-eps);
      const col = new Float64Array(outSizes.reduce((a, b) => a + b, 0));
      let k = 0;
      plus.forEach((p, o) => {
        for (let j = 0; j < p.length; j++) col[k++] = (p[j] - minus[o][j]) / (2 * eps);
      });
      columns.push(col);
    }
    return columns;
  });

  // Analytic Jacobian, one row per output element, by backward with a one-hot gradient.
  let row = 0;
  outputs.forEach((out, o) => {
    for (let j = 0; j < outSizes[o]; j++, row++) {
      if (!out.requiresGrad) {
        checked.forEach((_, c) => {
          const col = numerical[c];
          for (let e = 0; e < col.length; e++) {
            if (Math.abs(col[e][row]) > atol) {
              throw new GradcheckError(
                `gradcheck: output ${o} does not require grad, but its numerical gradient is ${col[e][row]}`,
              );
            }
          }
        });
        continue;
      }
      const oneHot = new Float64Array(outSizes[o]);
      oneHot[j] = 1;
      const upstream = tensor(oneHot, { dtype: out.dtype, backend: out.backend }).reshape([
        ...out.shape,
      ]);
      const grads = autogradGrad(
        [out],
        checked.map(([x]) => x),
        {
          gradOutputs: [upstream],
          retainGraph: true,
          allowUnused: true,
        },
      );
      grads.forEach((g, c) => {
        const analytic = Float64Array.from(g.to('float64').dataSync());
        const col = numerical[c];
        for (let e = 0; e < analytic.length; e++) {
          const a = analytic[e];
          const n = col[e][row];
          if (!(Math.abs(a - n) <= atol + rtol * Math.abs(n))) {
            const [x, i] = checked[c];
            throw new GradcheckError(
              `gradcheck: Jacobian mismatch for output ${o} (element ${j}) with respect to input ${i} ` +
                `${formatShape(x.shape)} (element ${e}): numerical ${n}, analytic ${a}`,
            );
          }
        }
      });
    }
  });
  return true;
}
