import { formatShape, type Tensor } from '@torchlet/tensor';

/**
 * Throws unless `target` has exactly the shape of `input`. PyTorch broadcasts them with only a
 * warning, which silently computes the wrong loss (e.g. `[N, 1]` against `[N]` gives `[N, N]`).
 *
 * @example
 * ```ts
 * checkSameShape('mseLoss', pred, target);
 * ```
 */
export function checkSameShape(
  op: string,
  input: Tensor,
  target: Tensor,
  inputName = 'input',
): void {
  const a = input.shape;
  const b = target.shape;
  if (a.length === b.length && a.every((s, i) => s === b[i])) return;
  throw new RangeError(
    `${op}: expected target ${formatShape(b)} to have the same shape as ${inputName} ${formatShape(a)}; ` +
      `reshape or expand the target to ${formatShape(a)} (PyTorch would broadcast them with a warning)`,
  );
}
