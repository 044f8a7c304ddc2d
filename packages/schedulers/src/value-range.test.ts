import { describe, expect, it } from 'vitest';
import { valueRange } from './value-range';

describe('valueRange', () => {
  it('spans 0 (or the minimum below it) to the maximum, never empty', () => {
    expect(valueRange([3e-4, 1e-4])).toEqual({ lo: 0, hi: 3e-4 });
    expect(valueRange([-1, 2])).toEqual({ lo: -1, hi: 2 });
    expect(valueRange([0, 0])).toEqual({ lo: 0, hi: 1 });
  });
});
