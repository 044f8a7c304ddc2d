import { checkOptions } from '@torchlet/tensor';
import { noGrad } from '@torchlet/autograd';
import type { Generator, Tensor } from '@torchlet/tensor';

/** Fills `tensor` in place from U(from, to). @example uniform_(layer.bias, -0.1, 0.1) */
export function uniform_(
  tensor: Tensor,
  from = 0,
  to = 1,
  options: { generator?: Generator } = {},
): Tensor {
  checkOptions('uniform_', options, ['generator']);
  return noGrad(() => tensor.uniform_(from, to, options));
}

/** Fills `tensor` in place from N(mean, std²). @example normal_(embedding.weight, 0, 0.02) */
export function normal_(
  tensor: Tensor,
  mean = 0,
  std = 1,
  options: { generator?: Generator } = {},
): Tensor {
  checkOptions('normal_', options, ['generator']);
  return noGrad(() => tensor.normal_(mean, std, options));
}

/** Fills `tensor` with a constant, in place. @example constant_(layer.bias, 0.1) */
export function constant_(tensor: Tensor, value: number): Tensor {
  return noGrad(() => tensor.fill_(value));
}

/** Fills `tensor` with zeros, in place. @example zeros_(layer.bias) */
export function zeros_(tensor: Tensor): Tensor {
  return constant_(tensor, 0);
}

/** Fills `tensor` with ones, in place. @example ones_(norm.weight) */
export function ones_(tensor: Tensor): Tensor {
  return constant_(tensor, 1);
}
