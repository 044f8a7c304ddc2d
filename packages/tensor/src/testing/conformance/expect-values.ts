import type { DType, TypedArray } from '../../dtype';
import { conformanceTolerance } from './conformance-tolerance';
import { sameValue } from './same-value';
import { show } from './show';
import { unravel } from './unravel';

/**
 * Compares `got` with reference values. Integer and bool dtypes compare exactly; float dtypes
 * within {@link conformanceTolerance}, plus `slack[i]` for accumulated rounding. NaN must meet
 * NaN and infinities must match exactly.
 */
export function expectValues(
  label: string,
  got: TypedArray,
  want: readonly number[],
  dtype: DType,
  shape: readonly number[],
  slack?: readonly number[],
): void {
  if (got.length !== want.length) {
    throw new Error(
      `${label}: expected ${want.length} elements (shape ${show(shape)}), got ${got.length}`,
    );
  }
  const float = dtype === 'float32' || dtype === 'float64';
  const tol = dtype === 'float64' ? conformanceTolerance.float64 : conformanceTolerance.float32;
  let first = -1;
  let detail = '';
  let bad = 0;
  for (let i = 0; i < want.length; i++) {
    const g = got[i];
    const w = want[i];
    let ok: boolean;
    let why = '';
    if (!float || w !== w || !Number.isFinite(w)) {
      ok = sameValue(g, w);
    } else {
      const allowed = tol.atol + tol.rtol * Math.abs(w) + (slack?.[i] ?? 0);
      const err = Math.abs(g - w);
      ok = err <= allowed;
      if (!ok) why = ` (|error| ${err.toExponential(2)} > allowed ${allowed.toExponential(2)})`;
    }
    if (!ok) {
      bad++;
      if (first < 0) {
        first = i;
        detail = `${g}, expected ${w}${why}`;
      }
    }
  }
  if (bad > 0) {
    const where =
      shape.length > 0 ? ` (index ${show(unravel(first, shape))} of shape ${show(shape)})` : '';
    throw new Error(
      `${label}: element ${first}${where} is ${detail}; ${bad} of ${want.length} elements differ`,
    );
  }
}
