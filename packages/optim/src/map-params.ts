import type { Tensor } from '@torchlet/tensor';
import type { Params } from './types';

/** Applies `fn` to every entry of `params` (and the same keys of `others`). @internal */
export function mapParams(
  params: Params,
  fn: (value: Tensor, name: string) => Tensor,
): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const name of Object.keys(params)) out[name] = fn(params[name], name);
  return out;
}
