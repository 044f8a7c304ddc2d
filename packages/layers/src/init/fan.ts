import { formatShape, type Tensor } from '@torchlet/tensor';

/** `[fanIn, fanOut]` of a weight, as PyTorch computes them (`[out, in, *receptive]`). */
export function calculateFanInAndFanOut(tensor: Tensor): [number, number] {
  if (tensor.ndim < 2) {
    throw new RangeError(
      `init: fan in and fan out cannot be computed for a tensor with fewer than 2 dimensions (got ${formatShape(tensor.shape)})`,
    );
  }
  let receptive = 1;
  for (let i = 2; i < tensor.ndim; i++) receptive *= tensor.shape[i];
  return [tensor.shape[1] * receptive, tensor.shape[0] * receptive];
}
