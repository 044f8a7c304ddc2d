import type { DType } from '@torchlet/tensor';

/**
 * The kernel expression that converts the float value in variable `v` to what a buffer of
 * `dtype` holds: int32 truncates toward zero, bool tests `!= 0` (NaN is true, as in PyTorch).
 * Every dtype lives in float32 storage, so float64 and float32 need nothing.
 *
 * @example
 * ```ts
 * castExpression('r', 'bool'); // '(r === 0 ? 0 : 1)'
 * ```
 */
export function castExpression(v: string, dtype: DType): string {
  switch (dtype) {
    case 'float32':
    case 'float64':
      return v;
    case 'int32':
      return `(${v} < 0 ? Math.ceil(${v}) : Math.floor(${v}))`;
    case 'bool':
      return `(${v} === 0 ? 0 : 1)`;
  }
}
