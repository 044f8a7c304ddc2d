import { getGradientEngine } from '../gradient-engine';
import { formatShape } from '../shape';
import { Tensor } from '../tensor';
import { cast } from './cast';
import { scalarTensor } from './operand';
import { expand } from './views';

/**
 * Replaces the values of `target` with `source` (broadcast to its shape, converted to its dtype).
 * The storage's buffer is swapped for a new one, so every view of it sees the new values.
 * Used by initialisers and optimizers; not recorded by autograd.
 *
 * @example
 * ```ts
 * const w = zeros([2, 2]);
 * copyInto(w, tensor([1, 2])); // w is [[1, 2], [1, 2]]
 * ```
 */
export function copyInto(op: string, target: Tensor, source: Tensor | number): Tensor {
  const engine = getGradientEngine();
  if (engine !== null && engine.isGradEnabled() && target.requiresGrad && target.isLeaf) {
    throw new Error(
      `${op}: a leaf tensor that requires grad is being used in an in-place operation; ` +
        'do the update inside noGrad(() => …)',
    );
  }
  if (!target.isContiguous() || target.offset !== 0 || target.storage.size !== target.numel()) {
    throw new Error(
      `${op}: in-place writes need a tensor that owns its whole storage contiguously; got a view of ` +
        `shape ${formatShape(target.shape)}; call .contiguous() (a copy) first`,
    );
  }
  const src = source instanceof Tensor ? source : scalarTensor(source, target.dtype, target);
  if (src.backend !== target.backend) {
    throw new TypeError(`${op}: source is on ${src.device} but the tensor is on ${target.device}`);
  }
  const view = expand(cast(src, target.dtype).detach(), target.shape);
  const buffer = target.backend.copy(view, target.dtype);
  const old = target.storage.buffer;
  target.storage.buffer = buffer;
  if (old !== buffer) target.backend.free(old);
  return target;
}
