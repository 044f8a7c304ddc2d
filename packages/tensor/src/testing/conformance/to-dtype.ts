import type { DType } from '../../dtype';

/** Rounds a value to what a buffer of `dtype` holds. */
export function toDType(v: number, dtype: DType): number {
  switch (dtype) {
    case 'float32':
      return Math.fround(v);
    case 'float64':
      return v;
    case 'int32':
      if (!Number.isInteger(v)) throw new Error(`conformance suite bug: ${v} is not an int32`);
      return v | 0;
    case 'bool':
      return v !== 0 ? 1 : 0;
  }
}
