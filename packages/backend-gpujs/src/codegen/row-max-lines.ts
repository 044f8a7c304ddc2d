/**
 * Kernel lines that leave the max of the `cols` values at `array[base + k]` in `mx`, or the first
 * NaN with `nan = 1`. The first value starts the search (gpu.js writes an `Infinity` literal as
 * the largest finite float). NaN is "neither above nor at or below the max so far", and also
 * `v !== v`: Mesa folds the first test away once `v > mx` failed.
 *
 * @example
 * ```ts
 * rowMaxLines('x0', 'b', 10); // ['let mx = x0[b];', 'let nan = 0;', 'for (…) {', …]
 * ```
 */
export function rowMaxLines(array: string, base: string, cols: number): string[] {
  return [
    `let mx = ${array}[${base}];`,
    'let nan = 0;',
    `for (let k = 0; k < ${cols}; k++) {`,
    `  const v = ${array}[${base} + k];`,
    '  if (nan === 0) {',
    '    if (v > mx) {',
    '      mx = v;',
    '    } else if (!(v <= mx) || v !== v) {',
    '      mx = v;',
    '      nan = 1;',
    '    }',
    '  }',
    '}',
  ];
}
