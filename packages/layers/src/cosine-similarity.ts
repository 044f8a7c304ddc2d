import {
  broadcastShapes,
  checkOptions,
  expectTensor,
  isFloating,
  normalizeDim,
  promoteTypes,
  where,
  type Tensor,
} from '@torchlet/tensor';
import { checkEps } from './check-eps';

/** Options of {@link cosineSimilarity}. */
export interface CosineSimilarityOptions {
  /** The dim (of the broadcast shape) to compare along. Default 1. */
  dim?: number;
  /** The floor of each norm, so a zero vector gives 0 instead of NaN. Default 1e-8. */
  eps?: number;
}

/**
 * The cosine of the angle between `x1` and `x2` along `dim`, like
 * `torch.nn.functional.cosine_similarity` in PyTorch 1.13:
 * `Σ (x1 / max(‖x1‖, eps)) · (x2 / max(‖x2‖, eps))`. Each norm is floored on its own (PyTorch
 * clamps each squared norm at `eps²`), so two tiny vectors still compare as 1, and the result
 * stays within [-1, 1]. As in PyTorch the floor passes the gradient straight through (it is
 * applied without recording), so gradients match torch's. `x1` and `x2` broadcast; `dim` is
 * removed from the result. Integer inputs are converted when the other is float.
 *
 * @example
 * ```ts
 * cosineSimilarity(tensor([[1, 0], [1, 1]]), tensor([[0, 1], [2, 2]])); // tensor([0., 1.])
 * // nearest neighbours of one embedding among all of them
 * cosineSimilarity(emb.weight, emb.weight.select(0, id), { dim: -1 }).topk(5);
 * ```
 */
export function cosineSimilarity(
  x1: Tensor,
  x2: Tensor,
  options: CosineSimilarityOptions = {},
): Tensor {
  expectTensor('cosineSimilarity', x1, 'x1');
  expectTensor('cosineSimilarity', x2, 'x2');
  checkOptions('cosineSimilarity', options, ['dim', 'eps']);
  const { dim = 1, eps = 1e-8 } = options;
  checkEps('cosineSimilarity', eps);
  const dtype = promoteTypes(x1.dtype, x2.dtype);
  if (!isFloating(dtype)) {
    throw new TypeError(
      `cosineSimilarity: expected common dtype to be floating point, yet common dtype is ` +
        `${dtype} (x1 ${x1.dtype}, x2 ${x2.dtype}); convert one with .float()`,
    );
  }
  const shape = broadcastShapes('cosineSimilarity', x1.shape, x2.shape);
  const d = normalizeDim('cosineSimilarity', dim, shape.length);
  const a = x1.to(dtype).expand(shape);
  const b = x2.to(dtype).expand(shape);
  const floor = eps * eps;
  const norm = (x: Tensor) => {
    const s = x.mul(x).sum(d, true);
    // PyTorch clamps the squared norm in place under no_grad: the value is floored, the
    // gradient flows on as if it were not (s - s.detach() is exactly 0).
    const sd = s.detach();
    return where(sd.lt(floor), s.sub(sd).add(floor), s).sqrt();
  };
  return a
    .div(norm(a))
    .mul(b.div(norm(b)))
    .sum(d);
}
