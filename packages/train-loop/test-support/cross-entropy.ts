import type { Tensor } from '@torchlet/tensor';

/**
 * Mean cross-entropy of logits `[N, C]` against int32 classes `[N]`, built from tensor ops.
 * For this package's tests only: `@torchlet/losses` is not one of its dependencies.
 *
 * @example
 * ```ts
 * crossEntropy(model.forward(x), y).backward();
 * ```
 */
export function crossEntropy(logits: Tensor, target: Tensor): Tensor {
  const logProbs = logits.sub(logits.logsumexp(1, true));
  return logProbs.gather(1, target.unsqueeze(1)).mean().neg();
}
