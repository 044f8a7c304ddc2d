/**
 * Returns `eps` if it is a finite number >= 0, and throws otherwise: a NaN eps would turn every
 * output into NaN without a word, and a negative one can take the square root of a negative
 * variance. @internal
 *
 * @example
 * ```ts
 * const eps = checkEps('LayerNorm', options.eps ?? 1e-5);
 * ```
 */
export function checkEps(op: string, eps: unknown): number {
  if (typeof eps !== 'number')
    throw new TypeError(
      `${op}: eps must be a number, got ${typeof eps === 'string' ? `'${eps}'` : String(eps)}`,
    );
  if (!(eps >= 0) || !Number.isFinite(eps))
    throw new RangeError(`${op}: eps must be a finite number >= 0, got ${eps}`);
  return eps;
}
