import type { Primitive, PrimitiveAttrs, Tensor } from '@torchlet/tensor';

/** What a rule sees of the recorded op. */
export interface RuleContext<K extends Primitive> {
  readonly inputs: readonly Tensor[];
  readonly output: Tensor;
  readonly attrs: PrimitiveAttrs[K];
}

/**
 * A gradient rule: from the gradient of the output, the gradient of each input (or null where
 * `needs[i]` is false or the input is not differentiable). Written with tensor ops, so running
 * it with recording on gives higher-order gradients.
 */
export type Rule<K extends Primitive> = (
  ctx: RuleContext<K>,
  grad: Tensor,
  needs: readonly boolean[],
) => (Tensor | null)[];

/** One rule per primitive; a missing one is a compile error. */
export type RuleTable = { [K in Primitive]: Rule<K> };
