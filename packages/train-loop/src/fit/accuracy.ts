import type { Tensor } from '@torchlet/tensor';
import { countCorrect } from './count-correct';

/**
 * The fraction of correct predictions in one batch (see {@link countCorrect} for the shapes
 * it understands). Over a whole loader, `evaluate(..., { metrics: ['accuracy'] })` counts
 * hits exactly instead of averaging batch fractions.
 *
 * @example
 * ```ts
 * accuracy(model.forward(x), y); // e.g. 0.84
 * ```
 */
export function accuracy(output: Tensor, target: Tensor): number {
  const { correct, total } = countCorrect(output, target);
  // float32, as PyTorch's `(pred == y).float().mean().item()` returns it.
  return total === 0 ? NaN : Math.fround(correct / total);
}
