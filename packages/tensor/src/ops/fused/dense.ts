import type { Tensor } from '../../tensor';

/** `x` cut off from the graph and made contiguous (a copy only when it is not): kernel input. */
export function dense(x: Tensor): Tensor {
  const d = x.detach();
  return d.isContiguous() ? d : d.contiguous();
}
