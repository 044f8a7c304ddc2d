import { describe, expect, it } from 'vitest';
import { coordinateLines } from './coordinate-lines';
import { offsetExpression } from './offset-expression';

/** Evaluates generated lines in plain JavaScript, as the gpu.js cpu mode would. */
function evaluate(shape: number[], i: number): number[] {
  const { lines, coords } = coordinateLines(shape, 'i', 'c');
  const body = `${lines.join('\n')}\nreturn [${coords.join(', ')}];`;
  return new Function('i', body)(i) as number[];
}

describe('coordinateLines and offsetExpression', () => {
  it('split every flat index of a 3-d shape into its row-major coordinates', () => {
    const shape = [3, 4, 5];
    for (let i = 0; i < 60; i++) {
      expect(evaluate(shape, i)).toEqual([Math.floor(i / 20), Math.floor(i / 5) % 4, i % 5]);
    }
  });

  it('need no lines for 0-d and 1-d shapes', () => {
    expect(coordinateLines([], 'i', 'c')).toEqual({ lines: [], coords: [] });
    expect(coordinateLines([7], 'i', 'c')).toEqual({ lines: [], coords: ['i'] });
  });

  it('bake strides in, leaving out broadcast dims', () => {
    expect(offsetExpression('p0', ['c0', 'c1', 'c2'], [6, 0, 1])).toBe('p0 + c0 * 6 + c2');
  });
});
