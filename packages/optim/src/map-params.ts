import type { Tensor } from '@torchlet/tensor';
import type { Params } from './types';

/** A record with `fn` applied to every entry of `params`, under the same names. @internal */
export function mapParams(
  params: Params,
  fn: (value: Tensor, name: string) => Tensor,
): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const name of Object.keys(params)) out[name] = fn(params[name], name);
  return out;
}
