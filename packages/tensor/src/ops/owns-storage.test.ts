import { describe, expect, it } from 'vitest';
import { arange, ownsStorage, tensor, zeros } from '../index';

describe('ownsStorage: a tensor that spans its whole storage contiguously from offset 0', () => {
  it('is true for a fresh tensor, a scalar and a contiguous reshape of one', () => {
    expect(ownsStorage(zeros([2, 3]))).toBe(true);
    expect(ownsStorage(tensor(5))).toBe(true);
    expect(ownsStorage(arange(6).reshape([3, 2]))).toBe(true);
  });

  it('is false for views that cover part of the storage, reorder it or repeat it', () => {
    const base = arange(12).reshape([3, 4]);
    expect(ownsStorage(base.narrow(0, 1, 2))).toBe(false); // offset 4: rows 1 and 2
    expect(ownsStorage(base.narrow(0, 0, 2))).toBe(false); // offset 0, but 8 of 12 elements
    expect(ownsStorage(base.select(1, 0))).toBe(false); // strided column
    expect(ownsStorage(base.transpose(0, 1))).toBe(false); // transposed
    expect(ownsStorage(tensor([1, 2]).expand([3, 2]))).toBe(false); // stride 0
  });

  it('is true again for a copy of a view, not for a view that is already contiguous', () => {
    const base = arange(12).reshape([3, 4]);
    expect(ownsStorage(base.transpose(0, 1).contiguous())).toBe(true); // a copy
    expect(ownsStorage(base.narrow(0, 1, 2).clone())).toBe(true);
    // Already contiguous, so contiguous() returns the view itself, at offset 4.
    expect(ownsStorage(base.narrow(0, 1, 2).contiguous())).toBe(false);
  });
});
