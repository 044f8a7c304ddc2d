import { getGradientEngine } from '../gradient-engine';
import { formatShape } from '../shape';
import { Tensor } from '../tensor';
import { fitsInt32, int32RangeError } from '../check-int32';
import { cast } from './cast';
import { scalarTensor } from './operand';
import { describeArg, scalarArg } from './scalar-arg';
import { ownsStorage } from './owns-storage';
import { expand } from './views';

/**
 * Replaces the values of `target` with `source` (broadcast to its shape, converted to its dtype).
 * The storage's buffer is swapped for a new one, so every view of it sees the new values, and its
 * version is bumped. Used by initialisers and optimizers; not recorded by autograd.
 *
 * @example
 * ```ts
 * const w = zeros([2, 2]);
 * copyInto(w, tensor([1, 2])); // w is [[1, 2], [1, 2]]
 * ```
 */
export function copyInto(op: string, target: Tensor, source: Tensor | number | boolean): Tensor {
  const engine = getGradientEngine();
  if (engine !== null && engine.isGradEnabled() && target.requiresGrad && target.isLeaf) {
    throw new Error(
      `${op}: a leaf tensor that requires grad is being used in an in-place operation; ` +
        'do the update inside noGrad(() => …)',
    );
  }
  if (engine !== null && engine.isGradEnabled() && target.requiresGrad && !target.isLeaf) {
    // Not recorded: the tensor's gradFn would still describe its old values.
    throw new Error(
      `${op}: in-place writes to a tensor that is part of the autograd graph (its gradFn is ` +
        `${String(target.gradFn)}) are not recorded, so its gradient would be wrong; use an ` +
        'out-of-place op (where, add, …) instead, or write to x.detach() to cut the graph there',
    );
  }
  if (!ownsStorage(target)) {
    throw new Error(
      `${op}: in-place writes need a tensor that owns its whole storage contiguously; got a view of ` +
        `shape ${formatShape(target.shape)}; call .contiguous() (a copy) first`,
    );
  }
  // PyTorch: "value cannot be converted to type int without overflow"; never wrap silently.
  if (target.dtype === 'int32' && typeof source === 'number' && !fitsInt32(source)) {
    throw int32RangeError(op, source, "write to a 'float64' tensor instead");
  }
  let src: Tensor;
  if (source instanceof Tensor && (op !== 'fill_' || source.ndim === 0)) src = source;
  else if (op === 'fill_') src = scalarTensor(scalarArg(op, 'value', source), target.dtype, target);
  else if (typeof source === 'number' || typeof source === 'boolean') {
    src = scalarTensor(source, target.dtype, target);
  } else {
    throw new TypeError(
      `${op}: expected src to be a Tensor, a number or a boolean, got ${describeArg(source)}`,
    );
  }
  if (src.backend !== target.backend) {
    throw new TypeError(`${op}: source is on ${src.device} but the tensor is on ${target.device}`);
  }
  const view = expand(cast(src, target.dtype).detach(), target.shape);
  target.storage.replaceBuffer(target.backend.copy(view, target.dtype));
  return target;
}
