import type { DType } from '../../dtype';

/** Rounds reference values to the output dtype (int32 truncates, bool tests `!= 0`). */
export const castValues = (dtype: DType, values: readonly number[]): number[] =>
  values.map((v) =>
    dtype === 'int32' ? Math.trunc(v) | 0 : dtype === 'bool' ? (v !== 0 ? 1 : 0) : v,
  );
