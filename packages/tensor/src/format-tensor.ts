import type { Tensor } from './tensor';

/**
 * Renders a tensor the way PyTorch prints it.
 * @internal Used by `Tensor.toString()`.
 */
export function formatTensor(t: Tensor): string {
  const flat = Array.from(t.dataSync());
  const body = JSON.stringify(flat);
  return `tensor(${body}, shape=[${t.shape.join(', ')}], dtype=${t.dtype})`;
}
