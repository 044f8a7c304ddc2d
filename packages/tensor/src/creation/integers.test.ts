import { describe, expect, it } from 'vitest';
import { arange, full, fullLike, linspace, tensor, zeros } from '../index';

const RANGE = '\\(\\[-2147483648, 2147483647\\]\\)';

describe('integer typed arrays keep their values', () => {
  it('Uint8Array, Uint8ClampedArray and Node Buffer become int32 (0..255 kept)', () => {
    for (const data of [
      new Uint8Array([0, 5, 128, 255]),
      new Uint8ClampedArray([0, 5, 128, 255]),
      Buffer.from([0, 5, 128, 255]),
    ]) {
      const t = tensor(data);
      expect(t.dtype).toBe('int32');
      expect(t.toArray()).toEqual([0, 5, 128, 255]);
      // Arithmetic does not wrap at 256 as a uint8 would; sums are exact.
      expect(t.add(1).toArray()).toEqual([1, 6, 129, 256]);
      expect(t.sum().item()).toBe(388);
    }
  });

  it("{ dtype: 'bool' } on bytes still gives bool (nonzero → true)", () => {
    const t = tensor(new Uint8Array([0, 5, 128, 255]), { dtype: 'bool' });
    expect(t.dtype).toBe('bool');
    expect(t.toArray()).toEqual([false, true, true, true]);
    expect(tensor(Buffer.from([0, 2]), { dtype: 'bool' }).toArray()).toEqual([false, true]);
    expect(tensor(new Uint8Array([0, 200]), { dtype: 'float32' }).toArray()).toEqual([0, 200]);
  });

  it('bool tensors (stored as bytes) stay bool through comparisons, where and tensor(t)', () => {
    const mask = tensor([1, 5, 3]).gt(2);
    expect(mask.dtype).toBe('bool');
    expect(tensor(mask).dtype).toBe('bool');
    expect(mask.logicalNot().toArray()).toEqual([true, false, false]);
    expect(tensor([1, 5, 3]).mul(mask).toArray()).toEqual([0, 5, 3]);
    expect(mask.sum().dtype).toBe('int32');
    expect(mask.sum().item()).toBe(2);
  });

  it('Int8Array, Int16Array and Uint16Array become int32', () => {
    expect(tensor(new Int8Array([-128, 0, 127])).dtype).toBe('int32');
    expect(tensor(new Int8Array([-128, 0, 127])).toArray()).toEqual([-128, 0, 127]);
    expect(tensor(new Int16Array([-32768, 32767])).toArray()).toEqual([-32768, 32767]);
    expect(tensor(new Uint16Array([0, 65535])).dtype).toBe('int32');
    expect(tensor(new Uint16Array([0, 65535])).toArray()).toEqual([0, 65535]);
    expect(tensor(new Int16Array([-3, 4]), { dtype: 'float64' }).toArray()).toEqual([-3, 4]);
  });

  it('Uint32Array becomes int32 when every value fits, else a RangeError naming the value', () => {
    const ok = tensor(new Uint32Array([0, 2147483647]));
    expect(ok.dtype).toBe('int32');
    expect(ok.toArray()).toEqual([0, 2147483647]);
    expect(() => tensor(new Uint32Array([1, 4294967295]))).toThrow(
      new RegExp(
        `^tensor: 4294967295 \\(at index 1\\) is out of range for int32 ${RANGE}; use dtype 'float64'`,
      ),
    );
    expect(tensor(new Uint32Array([4294967295]), { dtype: 'float64' }).toArray()).toEqual([
      4294967295,
    ]);
  });

  it('BigInt64Array and BigUint64Array become int32 with the same range check', () => {
    const t = tensor(new BigInt64Array([1n, -2n, 2147483647n]));
    expect(t.dtype).toBe('int32');
    expect(t.toArray()).toEqual([1, -2, 2147483647]);
    expect(tensor(new BigUint64Array([7n])).toArray()).toEqual([7]);
    expect(() => tensor(new BigInt64Array([3000000000n]))).toThrow(
      /^tensor: 3000000000 \(at index 0\) is out of range for int32.*use dtype 'float64'/,
    );
    expect(() => tensor(new BigUint64Array([2n ** 64n - 1n]))).toThrow(RangeError);
    expect(tensor(new BigInt64Array([3000000000n]), { dtype: 'float64' }).toArray()).toEqual([
      3000000000,
    ]);
  });
});

describe('values put into int32 tensors at creation are range-checked', () => {
  it('tensor(): 3e9, NaN, ±Infinity and values past ±2^31 throw a RangeError', () => {
    expect(() => tensor([3e9], { dtype: 'int32' })).toThrow(
      new RegExp(
        `^tensor: 3000000000 \\(at index 0\\) is out of range for int32 ${RANGE}; use dtype 'float64'$`,
      ),
    );
    for (const bad of [
      NaN,
      Infinity,
      -Infinity,
      2147483648,
      -2147483649,
      2147483647.5,
      -2147483648.5,
    ]) {
      expect(() => tensor([1, bad], { dtype: 'int32' })).toThrow(RangeError);
      expect(() => tensor([1, bad], { dtype: 'int32' })).toThrow(
        new RegExp(`^tensor: ${String(bad).replace(/[.+]/g, '\\$&')} \\(at index 1\\)`),
      );
    }
    expect(() => tensor(3e9, { dtype: 'int32' })).toThrow(/^tensor: 3000000000 .*int32/);
    expect(() => tensor([[1], [3e9]], { dtype: 'int32' })).toThrow(/at index 1\)/);
    expect(() => tensor(new Float64Array([0, NaN]), { dtype: 'int32' })).toThrow(/^tensor: NaN/);
    expect(() => tensor(new Float32Array([Infinity]), { dtype: 'int32' })).toThrow(/Infinity/);
  });

  it('tensor(): the int32 range ends are kept and fractions truncate toward zero (PyTorch)', () => {
    expect(tensor([-2147483648, 2147483647], { dtype: 'int32' }).toArray()).toEqual([
      -2147483648, 2147483647,
    ]);
    // torch.tensor([1.5, -1.5, 2.7, -2.7], dtype=torch.int32) → [1, -1, 2, -2]
    expect(tensor([1.5, -1.5, 2.7, -2.7], { dtype: 'int32' }).toArray()).toEqual([1, -1, 2, -2]);
    expect(tensor(new Float32Array([2147483520.5]), { dtype: 'int32' }).item()).toBe(2147483520);
  });

  it('full and fullLike check their fill value', () => {
    expect(() => full([2], 3e9, { dtype: 'int32' })).toThrow(
      new RegExp(`^full: 3000000000 is out of range for int32 ${RANGE}; use dtype 'float64'$`),
    );
    expect(() => full([2], NaN, { dtype: 'int32' })).toThrow(/^full: NaN is out of range/);
    expect(() => fullLike(zeros([2], { dtype: 'int32' }), 2 ** 31)).toThrow(
      /^fullLike: 2147483648 is out of range for int32/,
    );
    expect(() => fullLike(zeros([2]), -Infinity, { dtype: 'int32' })).toThrow(/-Infinity/);
    // torch.full([2], 1.5, dtype=torch.int32) → [1, 1]
    expect(full([2], 1.5, { dtype: 'int32' }).toArray()).toEqual([1, 1]);
    expect(full([1], -2147483648, { dtype: 'int32' }).toArray()).toEqual([-2147483648]);
  });

  it('arange past 2^31 - 1 throws with a hint to pass float64', () => {
    expect(() => arange(2 ** 31 - 2, 2 ** 31 + 1)).toThrow(
      new RegExp(
        `^arange: 2147483648 is out of range for int32 ${RANGE}; integer arguments give int32, ` +
          `pass \\{ dtype: 'float64' \\}$`,
      ),
    );
    expect(() => arange(-(2 ** 31) - 1, 0, 2 ** 30)).toThrow(/^arange: -2147483649 is out of/);
    // Too many elements to count or hold: refused before anything is allocated.
    expect(() => arange(0, 3e9)).toThrow(/^arange: 2999999999 is out of range for int32/);
    expect(() => arange(0, 3e9, 1, { dtype: 'int32' })).toThrow(RangeError);
    expect(() => arange(-(2 ** 31), 2 ** 31 - 1)).toThrow(
      /^arange: 4294967295 elements are more than int32 can count/,
    );
    expect(arange(0, 2 ** 31, 2 ** 30).toArray()).toEqual([0, 2 ** 30]);
    expect(arange(2 ** 31 - 2, 2 ** 31 + 1, 1, { dtype: 'float64' }).toArray()).toEqual([
      2147483646, 2147483647, 2147483648,
    ]);
  });

  it('int32 arange of fractional arguments steps from trunc(start) by trunc(step), as PyTorch', () => {
    // torch.arange(a, b, s, dtype=torch.int32) for each (a, b, s):
    expect(arange(0.5, 3.5, 1, { dtype: 'int32' }).toArray()).toEqual([0, 1, 2]);
    expect(arange(-2.5, 2, 1.5, { dtype: 'int32' }).toArray()).toEqual([-2, -1, 0]);
    expect(arange(0.9, 3.2, 1, { dtype: 'int32' }).toArray()).toEqual([0, 1, 2]);
    expect(() => arange(0.7, 3, 0.7, { dtype: 'int32' })).toThrow(
      /^arange: step 0.7 truncates to 0 for dtype int32/,
    );
  });

  it('linspace with dtype int32 truncates like PyTorch and range-checks', () => {
    // torch.linspace(-1, 1, 5, dtype=torch.int32) → [-1, 0, 0, 0, 1]
    expect(linspace(-1, 1, 5, { dtype: 'int32' }).toArray()).toEqual([-1, 0, 0, 0, 1]);
    expect(() => linspace(0, 3e9, 3, { dtype: 'int32' })).toThrow(
      /^linspace: 3000000000 \(at index 2\) is out of range for int32/,
    );
  });
});
