/** Accepts a shape as one array or as varargs, as PyTorch does: `f([2, 3])` or `f(2, 3)`. */
export type ShapeArgs = [readonly number[]] | number[];

/** Normalises {@link ShapeArgs} into one array. */
export function shapeFromArgs(args: ShapeArgs): number[] {
  if (args.length === 1 && Array.isArray(args[0])) return [...(args[0] as readonly number[])];
  return [...(args as number[])];
}
