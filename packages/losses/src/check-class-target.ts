import { formatShape, type Tensor, expectTensor } from '@torchlet/tensor';

/**
 * Validates scores of shape `[C]`, `[N, C]` or `[N, C, d1, …]` against int32 class targets of
 * shape `[]`, `[N]` or `[N, d1, …]`, the class weights and every target value, and returns the
 * class dim (0 for unbatched input, else 1). Runs before any computation, so a failed call
 * changes nothing.
 *
 * @example
 * ```ts
 * checkClassTarget('crossEntropy', 'logits', randn([8, 4]), target, null, -100); // 1
 * ```
 */
export function checkClassTarget(
  op: string,
  inputName: string,
  input: unknown,
  target: unknown,
  weight: Tensor | null,
  ignoreIndex: number,
): number {
  expectTensor(op, input, inputName, true);
  expectTensor(op, target, 'target');
  if (input.ndim === 0) {
    throw new RangeError(
      `${op}: expected ${inputName} of shape [C], [N, C] or [N, C, d1, ...], got a 0-d tensor`,
    );
  }
  if (target.dtype !== 'int32') {
    throw new TypeError(
      `${op}: expected class indices of dtype int32 as target, got ${target.dtype}; ` +
        `convert with .int() or create it with tensor(..., { dtype: 'int32' }) ` +
        `(targets of class probabilities are not supported)`,
    );
  }
  const classDim = input.ndim === 1 ? 0 : 1;
  const numClasses = input.shape[classDim];
  const expected = input.shape.filter((_, d) => d !== classDim);
  const shapes = `(${inputName} ${formatShape(input.shape)}, target ${formatShape(target.shape)})`;
  if (input.ndim >= 2 && target.ndim >= 1 && target.shape[0] !== input.shape[0]) {
    throw new RangeError(
      `${op}: expected target batch size ${target.shape[0]} to match ${inputName} batch size ` +
        `${input.shape[0]} ${shapes}`,
    );
  }
  if (target.ndim !== expected.length || target.shape.some((s, d) => s !== expected[d])) {
    throw new RangeError(
      `${op}: expected target of shape ${formatShape(expected)} (${inputName} without its class ` +
        `dim ${classDim}), got ${shapes}`,
    );
  }
  if (weight !== null && weight.shape[0] !== numClasses) {
    throw new RangeError(
      `${op}: expected weight of shape [${numClasses}] (one value per class of ${inputName} ` +
        `${formatShape(input.shape)}), got ${formatShape(weight.shape)}`,
    );
  }
  // Bounds need the values on the host; a backend that cannot read synchronously skips the check.
  if (target.backend.readSync !== undefined) {
    for (const v of target.dataSync()) {
      if (v !== ignoreIndex && (v < 0 || v >= numClasses)) {
        throw new RangeError(
          `${op}: target ${v} is out of bounds for ${numClasses} classes ` +
            `(expected values in [0, ${numClasses - 1}] or ignoreIndex ${ignoreIndex})`,
        );
      }
    }
  }
  return classDim;
}
