/**
 * Kernel source lines that split a flat index into coordinates, and the coordinates' names.
 *
 * @example
 * ```ts
 * const { lines, coords }: CoordinateLines = coordinateLines([3, 4], 'i', 'c');
 * ```
 */
export interface CoordinateLines {
  readonly lines: string[];
  /** One expression per dim of the shape (the last one needs no line of its own). */
  readonly coords: string[];
}

/**
 * Emits the row-major coordinates of the flat index `flat` in `shape`, as kernel source.
 * Divisions are `floor((i + 0.5) / P)`: the half keeps float32 division (all GLSL has) from
 * landing just below an integer, and stays exact for indices below 2^23.
 *
 * @example
 * ```ts
 * coordinateLines([3, 4], 'i', 'c');
 * // { lines: ['const c0 = Math.floor((i + 0.5) / 4);', 'const cr0 = i - c0 * 4;'],
 * //   coords: ['c0', 'cr0'] }
 * ```
 */
export function coordinateLines(
  shape: readonly number[],
  flat: string,
  prefix: string,
): CoordinateLines {
  const nd = shape.length;
  if (nd === 0) return { lines: [], coords: [] };
  const lines: string[] = [];
  const coords: string[] = [];
  let rest = flat;
  let inner = 1;
  for (let d = 1; d < nd; d++) inner *= shape[d];
  for (let d = 0; d < nd - 1; d++) {
    const c = `${prefix}${d}`;
    lines.push(`const ${c} = Math.floor((${rest} + 0.5) / ${inner});`);
    lines.push(`const ${prefix}r${d} = ${rest} - ${c} * ${inner};`);
    coords.push(c);
    rest = `${prefix}r${d}`;
    inner /= shape[d + 1];
  }
  coords.push(rest);
  return { lines, coords };
}
