import { formatShape, isFloating, Tensor, checkOptions } from '@torchlet/tensor';
import { checkReduction, type Reduction } from './check-reduction';

/** Validated options of a loss over class targets. */
export interface ClassLossOptions {
  reduction: Reduction;
  ignoreIndex: number;
  weight: Tensor | null;
  labelSmoothing: number;
}

/**
 * Validates the options of `crossEntropy` (or, without `labelSmoothing`, `nllLoss`) and fills in
 * PyTorch's defaults.
 *
 * @example
 * ```ts
 * readClassLossOptions('nllLoss', {}, false); // { reduction: 'mean', ignoreIndex: -100, … }
 * ```
 */
export function readClassLossOptions(
  op: string,
  options: unknown,
  smoothing: boolean,
): ClassLossOptions {
  const keys = ['reduction', 'ignoreIndex', 'weight', ...(smoothing ? ['labelSmoothing'] : [])];
  checkOptions(op, options, keys);
  const o = options as Record<string, unknown>;
  const reduction = checkReduction(op, o.reduction);
  const ignoreIndex = o.ignoreIndex ?? -100;
  if (typeof ignoreIndex !== 'number' || !Number.isInteger(ignoreIndex)) {
    throw new TypeError(`${op}: ignoreIndex must be an integer, got ${String(ignoreIndex)}`);
  }
  const labelSmoothing = o.labelSmoothing ?? 0;
  if (typeof labelSmoothing !== 'number' || !(labelSmoothing >= 0 && labelSmoothing <= 1)) {
    throw new RangeError(
      `${op}: labelSmoothing must be between 0.0 and 1.0, got ${String(labelSmoothing)}`,
    );
  }
  const weight = o.weight ?? null;
  if (weight !== null) {
    if (!(weight instanceof Tensor)) {
      throw new TypeError(
        `${op}: expected weight to be a Tensor (one value per class), got ${typeof weight}`,
      );
    }
    if (!isFloating(weight.dtype)) {
      throw new TypeError(
        `${op}: expected weight of a floating point dtype, got ${weight.dtype}; convert it with .float()`,
      );
    }
    if (weight.ndim !== 1) {
      throw new RangeError(
        `${op}: expected weight to be a 1-D tensor with one value per class, got shape ${formatShape(weight.shape)}`,
      );
    }
  }
  return { reduction, ignoreIndex, weight, labelSmoothing };
}
