import { fitsInt32 } from '../check-int32';
import { isFloating } from '../dtype';
import { broadcastShapes, formatShape } from '../shape';
import { Tensor } from '../tensor';
import { cast } from './cast';
import { expectTensor, scalarTensor } from './operand';
import { describeArg } from './scalar-arg';
import { where } from './where';

/** The largest finite float32: PyTorch refuses to fill a float32 tensor with anything larger. */
const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * `x` with `value` written where `mask` is true, like `torch.masked_fill` (out of place):
 * `where(mask, value, x)`. `mask` is a bool tensor that broadcasts with `x`; as in PyTorch's
 * out-of-place op they broadcast both ways, so a mask with more dims gives a bigger result.
 * `value` is a number, a boolean or a 0-d tensor, converted to `x`'s dtype (the result keeps
 * `x`'s dtype, fractions truncate into int32 as PyTorch does, values the dtype cannot hold
 * throw). The gradient is zero where filled; a 0-d tensor `value` that requires grad gets the
 * sum of the upstream gradient over the filled positions.
 *
 * @example
 * ```ts
 * const scores = randn([4, 4]);
 * const causal = tril(ones([4, 4], { dtype: 'bool' }));
 * maskedFill(scores, causal.logicalNot(), -Infinity); // before a softmax over the last dim
 * tensor([1, 2, 3]).maskedFill(tensor([true, false, true]), 0); // tensor([0., 2., 0.])
 * ```
 */
export function maskedFill(x: Tensor, mask: Tensor, value: number | boolean | Tensor): Tensor {
  expectTensor('maskedFill', x);
  expectTensor('maskedFill', mask, 'mask');
  if (mask.dtype !== 'bool') {
    throw new TypeError(
      `maskedFill: only supports boolean masks, but got mask with dtype ${mask.dtype}; ` +
        `use mask.bool() (nonzero → true) or build it with a comparison such as x.eq(0)`,
    );
  }
  if (mask.backend !== x.backend) {
    throw new TypeError(
      `maskedFill: mask is on ${mask.device} but the input is on ${x.device}; move it with ` +
        `mask.to(x.backend)`,
    );
  }
  broadcastShapes('maskedFill', mask.shape, x.shape); // names this op in the error
  return where(mask, fillValue(x, value), x);
}

/** `value` as a 0-d tensor of `x`'s dtype, checked the way PyTorch checks it. */
function fillValue(x: Tensor, value: unknown): Tensor {
  if (value instanceof Tensor) {
    if (value.ndim !== 0) {
      throw new RangeError(
        `maskedFill: only supports a 0-dimensional value tensor, but got tensor with ` +
          `${value.ndim} dimension(s) (shape ${formatShape(value.shape)}); pass a number or ` +
          `value.reshape([]) if it holds one element`,
      );
    }
    if (value.backend !== x.backend) {
      throw new TypeError(
        `maskedFill: value is on ${value.device} but the input is on ${x.device}; move it with ` +
          `value.to(x.backend)`,
      );
    }
    // Read only where a check needs the number, and only on backends that read synchronously.
    if (needsCheck(x, value) && value.backend.readSync !== undefined) checkFits(x, value.item());
    return cast(value, x.dtype);
  }
  if (typeof value === 'boolean') return scalarTensor(value, x.dtype, x);
  if (typeof value !== 'number') {
    throw new TypeError(
      `maskedFill: expected value to be a number, a boolean or a 0-d Tensor, got ${describeArg(value)}`,
    );
  }
  checkFits(x, value);
  // bool: nonzero (NaN included) is true, as PyTorch converts it.
  return scalarTensor(x.dtype === 'bool' ? value !== 0 : value, x.dtype, x);
}

function needsCheck(x: Tensor, value: Tensor): boolean {
  if (x.dtype === 'int32') return isFloating(value.dtype);
  return x.dtype === 'float32' && value.dtype === 'float64';
}

function checkFits(x: Tensor, v: number): void {
  if (x.dtype === 'int32' && !fitsInt32(v)) {
    throw new RangeError(
      `maskedFill: value cannot be converted to type int32 without overflow: ${v}; ` +
        `fill a float tensor instead (x.float())`,
    );
  }
  if (x.dtype === 'float32' && Number.isFinite(v) && Math.abs(v) > FLOAT32_MAX) {
    throw new RangeError(
      `maskedFill: value cannot be converted to type float32 without overflow: ${v}; ` +
        `use ±Infinity, or fill a float64 tensor (x.double())`,
    );
  }
}
