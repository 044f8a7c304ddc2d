/**
 * How a loss combines its per-element values: their `'mean'` (the default), their `'sum'`, or
 * `'none'` (the unreduced tensor).
 *
 * @example
 * ```ts
 * const r: Reduction = 'sum';
 * ```
 */
export type Reduction = 'mean' | 'sum' | 'none';

/**
 * The option every loss takes.
 *
 * @example
 * ```ts
 * mseLoss(pred, target, { reduction: 'none' } satisfies ReductionOptions);
 * ```
 */
export interface ReductionOptions {
  /** Default `'mean'`. */
  reduction?: Reduction;
}

/**
 * Returns `reduction` (default `'mean'`), or throws naming `op` and the valid names.
 *
 * @example
 * ```ts
 * checkReduction('mseLoss', undefined); // 'mean'
 * ```
 */
export function checkReduction(op: string, reduction: unknown): Reduction {
  if (reduction === undefined) return 'mean';
  if (reduction === 'mean' || reduction === 'sum' || reduction === 'none') return reduction;
  throw new RangeError(
    `${op}: reduction must be 'mean', 'sum' or 'none', got ${JSON.stringify(reduction) ?? String(reduction)}`,
  );
}
