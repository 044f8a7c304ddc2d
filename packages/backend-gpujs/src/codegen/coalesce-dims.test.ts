import { describe, expect, it } from 'vitest';
import { coalesceDims } from './coalesce-dims';

describe('coalesceDims', () => {
  it('merges contiguous dims into one', () => {
    expect(coalesceDims([2, 3, 4], [[12, 4, 1]])).toEqual({ shape: [24], strides: [[1]] });
  });

  it('keeps a broadcast dim apart and drops size-1 dims', () => {
    expect(
      coalesceDims(
        [2, 1, 3, 4],
        [
          [12, 99, 4, 1],
          [0, 0, 0, 1],
        ],
      ),
    ).toEqual({
      shape: [6, 4],
      strides: [
        [4, 1],
        [0, 1],
      ],
    });
  });

  it('keeps transposed dims apart', () => {
    expect(coalesceDims([3, 4], [[1, 3]])).toEqual({ shape: [3, 4], strides: [[1, 3]] });
  });

  it('turns a 0-d or all-ones shape into no dims', () => {
    expect(coalesceDims([], [[]])).toEqual({ shape: [], strides: [[]] });
    expect(coalesceDims([1, 1], [[5, 7]])).toEqual({ shape: [], strides: [[]] });
  });
});
