/**
 * A compact, unambiguous text for shapes and strides inside kernel cache keys.
 *
 * @example
 * ```ts
 * shapeKey([3, 4]); // '[3,4]'
 * ```
 */
export function shapeKey(values: readonly number[]): string {
  return `[${values.join(',')}]`;
}
