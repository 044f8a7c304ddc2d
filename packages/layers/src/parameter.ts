import { Tensor } from '@torchlet/tensor';

/**
 * A tensor that a {@link Module} registers as a trainable weight: it requires gradients (unless
 * told not to) and owns its storage, so optimizers can update it in place.
 *
 * To tie weights, assign the Parameter itself (`this.lmHead.weight = this.wte.weight`): one
 * parameter under two names, listed once by `parameters()` and updated once per step. Wrapping
 * it again (`new Parameter(this.wte.weight)`) would make a second parameter over the same
 * storage, with its own gradient, that an optimizer would update a second time.
 *
 * @example
 * ```ts
 * class Scale extends Module {
 *   factor = new Parameter(ones([1]));
 *   forward(x: Tensor) { return x.mul(this.factor); }
 * }
 * ```
 */
export class Parameter extends Tensor {
  constructor(data: Tensor, requiresGrad = true) {
    // A parameter owns a whole contiguous buffer, so in-place updates can replace it.
    const owned =
      data.isContiguous() && data.offset === 0 && data.storage.size === data.numel()
        ? data
        : data.detach().clone();
    super(owned.storage, owned.shape, owned.strides, owned.offset, owned.dtype);
    this.requiresGrad = requiresGrad;
  }
}
