import type { Primitive, PrimitiveAttrs, Tensor } from '@torchlet/tensor';

/** What a rule sees of the recorded op, once, when it is recorded. */
export interface RuleContext<K extends Primitive> {
  /** The op's inputs (binary ops' already broadcast to the output's shape). */
  readonly inputs: readonly Tensor[];
  /** The op's output. */
  readonly output: Tensor;
  /** The op's attributes ({@link PrimitiveAttrs}). */
  readonly attrs: PrimitiveAttrs[K];
}

/**
 * A gradient rule, in two halves:
 *
 * - `save` runs when the op is recorded and returns what the graph node keeps for the backward
 *   pass: particular tensors, or only shapes and attributes. Nothing else of the forward pass is
 *   kept, so intermediates no rule saved can be collected before `backward()`. Every tensor among
 *   its top-level fields (or in an array there) has its version recorded, and backward refuses
 *   to run if an in-place write changed it since.
 * - `backward` gets what `save` returned and the gradient of the output, and returns the
 *   gradient of each input (null where `needs[i]` is false or the input is not differentiable).
 *   It is written with tensor ops, so running it with recording on gives higher-order gradients.
 *
 * @example
 * ```ts
 * const mulRule = defineRule('mul', {
 *   save: ({ inputs: [a, b] }, needs) => ({ a: needs[1] ? a : null, b: needs[0] ? b : null }),
 *   backward: ({ a, b }, g, needs) => [needs[0] ? g.mul(b!) : null, needs[1] ? g.mul(a!) : null],
 * });
 * ```
 */
export interface Rule<K extends Primitive, S = unknown> {
  /** Runs when the op is recorded; returns what the node keeps for the backward pass. */
  save(ctx: RuleContext<K>, needs: readonly boolean[]): S;
  /** Each input's gradient from what `save` kept and the output's gradient `grad`. */
  backward(saved: S, grad: Tensor, needs: readonly boolean[]): (Tensor | null)[];
}

/**
 * Types a rule: `op` names the primitive, and what `save` returns types `backward`'s first
 * argument.
 *
 * @example
 * ```ts
 * const expRule = defineRule('exp', {
 *   save: ({ output }) => ({ output }),
 *   backward: ({ output }, g) => [g.mul(output)],
 * });
 * ```
 */
export function defineRule<K extends Primitive, S>(_op: K, rule: Rule<K, S>): Rule<K, S> {
  return rule;
}

/** One rule per primitive; a missing one is a compile error. Each rule's saved record is its own. */
export type RuleTable = { [K in Primitive]: Rule<K, any> }; // any: each rule's saved type differs
