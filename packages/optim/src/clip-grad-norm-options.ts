import { checkOptions } from './check-options';

/**
 * Options of {@link clipGradNorm}.
 *
 * @example
 * ```ts
 * clipGradNorm(model.parameters(), 1.0, { normType: Infinity, errorIfNonfinite: true });
 * ```
 */
export interface ClipGradNormOptions {
  /** The p of the p-norm: 2 by default, `Infinity` for the largest magnitude. */
  normType?: number;
  /**
   * Throw when the total norm is inf or NaN, leaving the gradients alone. Default false: as in
   * PyTorch, the gradients are then scaled by the coefficient anyway (0 for an inf norm, NaN for
   * a NaN norm).
   */
  errorIfNonfinite?: boolean;
}

/**
 * Reads `clipGradNorm`'s third and fourth arguments (`normType` and/or an options object) into
 * checked values. @internal
 *
 * @example
 * ```ts
 * resolveClipGradNormOptions(2, { errorIfNonfinite: true }); // { normType: 2, errorIfNonfinite: true }
 * ```
 */
export function resolveClipGradNormOptions(
  normTypeOrOptions: number | ClipGradNormOptions,
  options: ClipGradNormOptions,
): Required<ClipGradNormOptions> {
  const op = 'clipGradNorm';
  const positional = typeof normTypeOrOptions === 'number' ? normTypeOrOptions : undefined;
  const given = positional === undefined ? (normTypeOrOptions as ClipGradNormOptions) : options;
  checkOptions(op, given, ['normType', 'errorIfNonfinite']);
  if (positional !== undefined && given.normType !== undefined && given.normType !== positional) {
    throw new TypeError(`${op}: normType is given twice (${positional} and ${given.normType})`);
  }
  const { normType = positional ?? 2, errorIfNonfinite = false } = given;
  if (typeof normType !== 'number' || !(normType > 0 || normType === -Infinity)) {
    throw new RangeError(
      `${op}: normType must be a number > 0 or ±Infinity, got ${describe(normType)}`,
    );
  }
  if (typeof errorIfNonfinite !== 'boolean') {
    throw new TypeError(
      `${op}: errorIfNonfinite must be a boolean, got ${describe(errorIfNonfinite)}`,
    );
  }
  return { normType, errorIfNonfinite };
}

function describe(value: unknown): string {
  return typeof value === 'number' ? String(value) : `${typeof value} ${String(value)}`;
}
