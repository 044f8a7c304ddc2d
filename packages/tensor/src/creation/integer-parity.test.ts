import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { arange, full, linspace, pow, tensor, type Tensor } from '../index';

/** One PyTorch 1.13 result or error (see fixtures/gen-integer-fixtures.py). */
interface Case {
  name: string;
  dtype?: string;
  values?: (number | boolean | string)[];
  error?: string;
}

const fixtures = JSON.parse(
  readFileSync(new URL('../fixtures/integer-fixtures.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

const int32 = (values: number[]) => tensor(values, { dtype: 'int32' });
const bytes = () => new Uint8Array([0, 5, 128, 255]);
const bad = (v: number) => () => tensor([1, v], { dtype: 'int32' });

/** The torchlet call each fixture name stands for. */
const calls: Record<string, () => Tensor> = {
  'tensor([1.5, -1.5, 2.7, -2.7], int32)': () => int32([1.5, -1.5, 2.7, -2.7]),
  'tensor([-2147483648, 2147483647], int32)': () => int32([-2147483648, 2147483647]),
  'tensor([1, 3000000000.0], int32)': bad(3e9),
  'tensor([1, nan], int32)': bad(NaN),
  'tensor([1, inf], int32)': bad(Infinity),
  'tensor([1, -inf], int32)': bad(-Infinity),
  'tensor([1, 2147483648.0], int32)': bad(2147483648),
  'tensor([1, -2147483649.0], int32)': bad(-2147483649),
  'tensor([1, 2147483647.5], int32)': bad(2147483647.5),
  'tensor([1, -2147483648.5], int32)': bad(-2147483648.5),
  'tensor(Uint8Array [0, 5, 128, 255])': () => tensor(bytes()),
  'tensor(Uint8Array [0, 5, 128, 255]).sum()': () => tensor(bytes()).sum(),
  'tensor(Uint8Array [0, 5, 128, 255], bool)': () => tensor(bytes(), { dtype: 'bool' }),
  'full([2], 1.5, int32)': () => full([2], 1.5, { dtype: 'int32' }),
  'full([2], 3e9, int32)': () => full([2], 3e9, { dtype: 'int32' }),
  'full([2], NaN, int32)': () => full([2], NaN, { dtype: 'int32' }),
  'arange(0.5, 3.5, 1) int32': () => arange(0.5, 3.5, 1, { dtype: 'int32' }),
  'arange(-2.5, 2, 1.5) int32': () => arange(-2.5, 2, 1.5, { dtype: 'int32' }),
  'arange(0.9, 3.2, 1) int32': () => arange(0.9, 3.2, 1, { dtype: 'int32' }),
  'arange(0.7, 3, 0.7) int32': () => arange(0.7, 3, 0.7, { dtype: 'int32' }),
  'arange(0, 2147483648, 1073741824) int32': () => arange(0, 2 ** 31, 2 ** 30),
  'linspace(-1, 1, 5) int32': () => linspace(-1, 1, 5, { dtype: 'int32' }),
  'linspace(0, 1, 4) int32': () => linspace(0, 1, 4, { dtype: 'int32' }),
  'tensor([1.7, -1.7, 0.5, -0.5]).int()': () => tensor([1.7, -1.7, 0.5, -0.5]).int(),
  'int32 [1073741824, 1073741823].sum()': () => int32([2 ** 30, 2 ** 30 - 1]).sum(),
  'bool [true, false, true, true].sum()': () => tensor([true, false, true, true]).sum(),
  'int32 [2, 3] ** -1': () => int32([2, 3]).pow(-1),
  'int32 [2, 3] ** -2': () => pow(int32([2, 3]), -2),
  'bool [true, false] ** -1': () => tensor([true, false]).pow(-1),
  'int32 [2, 3] ** 2': () => int32([2, 3]).pow(2),
  'int32 [2, -1] ** 0': () => int32([2, -1]).pow(0),
  'bool [true, false] ** 2': () => tensor([true, false]).pow(2),
  'int32 [4] ** -1.5': () => int32([4]).pow(-1.5),
  'float32 [2, 4] ** -1': () => tensor([2, 4]).pow(-1),
  'int32 [0, 1, -1, 2, -2] ** int32 [-1, -1, -1, -2, -3]': () =>
    pow(int32([0, 1, -1, 2, -2]), int32([-1, -1, -1, -2, -3])),
  '2 ** int32 [1, -1]': () => pow(2, int32([1, -1])),
};

/** torchlet's dtype for PyTorch's: no uint8 or int64, so both are int32. */
const dtypeOf = (torchDType: string) =>
  torchDType === 'uint8' || torchDType === 'int64' ? 'int32' : torchDType;

describe('integer behaviour matches PyTorch 1.13 (fixtures/integer-fixtures.json)', () => {
  it('has a torchlet call for every fixture', () => {
    expect(fixtures.cases.map((c) => c.name).sort()).toEqual(Object.keys(calls).sort());
  });

  for (const c of fixtures.cases) {
    it(c.name, () => {
      const call = calls[c.name];
      if (c.error !== undefined) {
        // PyTorch raised; torchlet throws a RangeError naming the op instead of wrapping.
        expect(call).toThrow(RangeError);
        return;
      }
      const t = call();
      expect(t.dtype).toBe(dtypeOf(c.dtype!));
      const got = Array.from(t.dataSync(), (v) => (t.dtype === 'bool' ? v !== 0 : v));
      expect(got).toEqual(c.values);
    });
  }
});
