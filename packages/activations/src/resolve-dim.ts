import { formatShape, normalizeDim, type Tensor } from '@torchlet/tensor';

/**
 * Checks the `dim` argument of a reduction-like activation and makes it non-negative. A missing
 * dim is an error: PyTorch's implicit choice of dim is deprecated because it guesses wrong for
 * batched inputs.
 *
 * @example
 * ```ts
 * resolveDim('softmax', randn([2, 3]), -1); // 1
 * ```
 */
export function resolveDim(op: string, x: Tensor, dim: unknown): number {
  if (dim === undefined || dim === null) {
    throw new TypeError(
      `${op}: dim is required (the implicit dim of PyTorch is deprecated); ` +
        `pass the dim to normalize over, e.g. ${op}(x, -1) for input ${formatShape(x.shape)}`,
    );
  }
  if (typeof dim !== 'number') {
    throw new TypeError(`${op}: expected dim to be an integer, got ${typeof dim}`);
  }
  return normalizeDim(op, dim, x.ndim);
}
