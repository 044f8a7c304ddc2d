import type { Operand } from './operand';
import { ravel } from './ravel';

/** The view's element at a multi-index. */
export function atIndex<B>(x: Operand<B>, idx: readonly number[]): number {
  return x.values[ravel(idx, x.view.shape)];
}
