import { checkOptions, expectTensor, normalizeDim, type Tensor } from '@torchlet/tensor';
import { checkEps } from './check-eps';

/** Options of {@link normalize}. */
export interface NormalizeOptions {
  /** The exponent of the norm: 2 (the default), 1, any p > 0, or ±Infinity. */
  p?: number;
  /** The dim (or dims) to normalise over. Default 1. */
  dim?: number | readonly number[];
  /** The floor of the norm, so a zero vector stays zero instead of NaN. Default 1e-12. */
  eps?: number;
}

/**
 * `x / max(‖x‖_p, eps)` along `dim`, like `torch.nn.functional.normalize`: every slice along
 * `dim` gets unit p-norm, and slices whose norm is below `eps` are divided by `eps` (zeros stay
 * zeros). The gradient follows PyTorch's: nothing flows through the floor where it applies.
 *
 * @example
 * ```ts
 * normalize(tensor([[3, 4]])); // tensor([[0.6000, 0.8000]])
 * normalize(tensor([[3, -4]]), { p: 1 }); // tensor([[0.4286, -0.5714]])
 * const unit = normalize(embeddings, { dim: -1 }); // then unit.matmul(unit.T) is cosine similarity
 * ```
 */
export function normalize(x: Tensor, options: NormalizeOptions = {}): Tensor {
  expectTensor('normalize', x, 'input', true);
  checkOptions('normalize', options, ['p', 'dim', 'eps']);
  const { p = 2, dim = 1, eps = 1e-12 } = options;
  if (typeof p !== 'number' || !(p > 0 || p === -Infinity)) {
    throw new RangeError(
      `normalize: p must be a number > 0 or ±Infinity, got ${String(p)}; torchlet's norm has ` +
        'no p = 0 (a count of nonzeros) or negative p',
    );
  }
  checkEps('normalize', eps);
  // Checked here so that a bad dim names this op, not the norm inside it.
  for (const d of typeof dim === 'number' ? [dim] : dim) normalizeDim('normalize', d, x.ndim);
  return x.div(x.norm(p, dim, true).clamp(eps));
}
