import {
  broadcastShapes,
  formatShape,
  where,
  type Tensor,
  expectTensor,
  checkOptions,
} from '@torchlet/tensor';
import { checkReduction, type ReductionOptions } from './check-reduction';
import { checkSameShape } from './check-same-shape';
import { reduceLoss } from './reduce-loss';

/**
 * Options of {@link bceWithLogits}.
 *
 * @example
 * ```ts
 * bceWithLogits(logits, labels, { posWeight: tensor([3, 1, 1]) }); // up-weight class 0 positives
 * ```
 */
export interface BceWithLogitsOptions extends ReductionOptions {
  /** Rescales each element's loss; broadcast to the logits' shape (e.g. `[C]` or `[N, 1]`). */
  weight?: Tensor | null;
  /** Weight of the positive term, broadcast to the logits' shape (typically `[C]`). */
  posWeight?: Tensor | null;
}

function checkBroadcastTo(op: string, name: string, w: unknown, shape: readonly number[]): void {
  expectTensor(op, w, name, true);
  let fits: boolean;
  try {
    const b = broadcastShapes(op, shape, w.shape);
    fits = b.length === shape.length && b.every((s, i) => s === shape[i]);
  } catch {
    fits = false;
  }
  if (!fits) {
    throw new RangeError(
      `${op}: ${name} ${formatShape(w.shape)} cannot be broadcast to the logits shape ` +
        `${formatShape(shape)}; give it a shape like [${shape[shape.length - 1] ?? ''}] or ${formatShape(shape)}`,
    );
  }
}

/**
 * Binary cross-entropy on logits, like `torch.nn.functional.binary_cross_entropy_with_logits`:
 * `(1 - t) · x + (1 + (posWeight - 1) · t) · log(1 + exp(-x))`, computed stably as
 * `max(x, 0) - x · t + log(1 + exp(-|x|))` (plus the posWeight term), so logits of ±1e4 give a
 * finite loss and gradients. Targets are probabilities of the logits' shape; gradients flow to
 * both. `'mean'` is the plain mean over all elements, with or without `weight`.
 *
 * @example
 * ```ts
 * const logits = tensor([[2, -1], [0, 4]], { requiresGrad: true });
 * const labels = tensor([[1, 0], [0, 1]]);
 * bceWithLogits(logits, labels).backward();
 * ```
 */
export function bceWithLogits(
  logits: Tensor,
  target: Tensor,
  options: BceWithLogitsOptions = {},
): Tensor {
  const op = 'bceWithLogits';
  checkOptions(op, options, ['reduction', 'weight', 'posWeight']);
  const reduction = checkReduction(op, options.reduction);
  expectTensor(op, logits, 'logits', true);
  expectTensor(op, target, 'target', true);
  checkSameShape(op, logits, target, 'logits');
  const weight = options.weight ?? null;
  const posWeight = options.posWeight ?? null;
  if (weight !== null) checkBroadcastTo(op, 'weight', weight, logits.shape);
  if (posWeight !== null) checkBroadcastTo(op, 'posWeight', posWeight, logits.shape);

  const x = logits;
  // -|x|, written with where() so that at x = 0 the gradient is that of -x: the loss's gradient
  // there is then sigmoid(0) - t, as PyTorch's, instead of abs's subgradient 0.
  const negAbs = where(x.ge(0), x.neg(), x);
  // log(1 + exp(-x)) = max(-x, 0) + log(1 + exp(-|x|)): exp never overflows.
  const softplusNeg = x.neg().relu().add(negAbs.exp().add(1).log());
  const logWeight = posWeight === null ? null : posWeight.sub(1).mul(target).add(1);
  let loss = target
    .neg()
    .add(1)
    .mul(x)
    .add(logWeight === null ? softplusNeg : softplusNeg.mul(logWeight));
  if (weight !== null) loss = loss.mul(weight);
  return reduceLoss(loss, reduction);
}
