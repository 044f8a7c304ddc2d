import type { DType } from '@torchlet/tensor';
import type { AttentionLayout } from './attention-layout';
import { shapeKey } from './shape-key';

/**
 * The cache key of one attention kernel: its name, the causal flag, the mask's kind and layout,
 * whether there is dropout, the dtype and the sizes. Never the scale, which is a number
 * argument, so a training loop compiles each attention kernel once.
 *
 * @example
 * ```ts
 * attentionKey('weights', layout, true, false, 'float32');
 * // 'attention:weights:causal:none>float32|[32,128,128,32,32]'
 * ```
 */
export function attentionKey(
  name: string,
  layout: AttentionLayout,
  causal: boolean,
  dropout: boolean,
  dtype: DType,
): string {
  const { batch, L, S, E, Ev, mask } = layout;
  return (
    `attention:${name}:${causal ? 'causal' : 'full'}:${mask === null ? 'none' : mask.key}` +
    `${dropout ? ':dropout' : ''}>${dtype}|${shapeKey([batch, L, S, E, Ev])}`
  );
}
