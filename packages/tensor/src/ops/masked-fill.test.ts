import { describe, expect, it } from 'vitest';
import { maskedFill, tensor, zeros } from '../index';

const mask = () => tensor([true, false, true]);

describe('maskedFill', () => {
  it('writes the value where the mask is true, out of place', () => {
    const x = tensor([1, 2, 3]);
    const y = x.maskedFill(mask(), -1);
    expect(y.toArray()).toEqual([-1, 2, -1]);
    expect(x.toArray()).toEqual([1, 2, 3]);
    expect(maskedFill(x, mask(), -Infinity).toArray()).toEqual([-Infinity, 2, -Infinity]);
  });

  it('broadcasts the mask over x, and x over a bigger mask (as the out-of-place op does)', () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(x.maskedFill(mask(), 0).toArray()).toEqual([
      [0, 2, 0],
      [0, 5, 0],
    ]);
    const big = tensor([1, 2]).maskedFill(tensor([[true], [false]]), 9);
    expect(big.toArray()).toEqual([
      [9, 9],
      [1, 2],
    ]);
  });

  it("keeps x's dtype: int32 truncates, bool tests nonzero, a 0-d tensor converts", () => {
    const ints = tensor([5, 6, 7], { dtype: 'int32' }).maskedFill(mask(), -2.7);
    expect(ints.dtype).toBe('int32');
    expect(ints.toArray()).toEqual([-2, 6, -2]);
    const bools = tensor([false, false, false]).maskedFill(mask(), NaN);
    expect(bools.toArray()).toEqual([true, false, true]);
    const f32 = zeros([3]).maskedFill(mask(), tensor(0.5, { dtype: 'float64' }));
    expect(f32.dtype).toBe('float32');
    expect(f32.toArray()).toEqual([0.5, 0, 0.5]);
    expect(
      zeros([2])
        .maskedFill(tensor([true, false]), true)
        .toArray(),
    ).toEqual([1, 0]);
  });

  it('refuses masks that are not bool, with the fix', () => {
    expect(() => zeros([3]).maskedFill(tensor([1, 0, 1]), 0)).toThrow(
      /maskedFill: only supports boolean masks, but got mask with dtype float32; use mask.bool\(\)/,
    );
    expect(() => zeros([3]).maskedFill(tensor([1, 0, 1], { dtype: 'int32' }), 0)).toThrow(
      /dtype int32/,
    );
  });

  it('refuses values it cannot hold or read, as PyTorch does', () => {
    const i32 = () => zeros([3], { dtype: 'int32' });
    expect(() => i32().maskedFill(mask(), NaN)).toThrow(
      /maskedFill: value cannot be converted to type int32 without overflow: NaN/,
    );
    expect(() => i32().maskedFill(mask(), 3e9)).toThrow(/without overflow: 3000000000/);
    expect(() => i32().maskedFill(mask(), tensor(Infinity))).toThrow(/without overflow: Infinity/);
    expect(() => zeros([3]).maskedFill(mask(), 1e40)).toThrow(
      /maskedFill: value cannot be converted to type float32 without overflow: 1e\+40/,
    );
    expect(() => zeros([3]).maskedFill(mask(), tensor(1e40, { dtype: 'float64' }))).toThrow(
      /float32 without overflow/,
    );
    expect(
      zeros([1])
        .maskedFill(tensor([true]), Infinity)
        .item(),
    ).toBe(Infinity);
    expect(() => zeros([3]).maskedFill(mask(), tensor([1]))).toThrow(
      /maskedFill: only supports a 0-dimensional value tensor, but got tensor with 1 dimension\(s\) \(shape \[1\]\)/,
    );
    expect(() => zeros([3]).maskedFill(mask(), '1' as never)).toThrow(
      /maskedFill: expected value to be a number, a boolean or a 0-d Tensor, got a string/,
    );
    expect(() => zeros([3]).maskedFill(mask(), undefined as never)).toThrow(/got undefined/);
  });

  it('names the shapes when mask and x do not broadcast', () => {
    expect(() => zeros([3, 4]).maskedFill(mask(), 1)).toThrow(
      'maskedFill: shapes [3] and [3,4] cannot be broadcast together (size 3 != 4 at dim -1)',
    );
  });
});
