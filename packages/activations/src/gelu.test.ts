import { tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { gelu } from './gelu';

const round3 = (xs: ArrayLike<number>): number[] =>
  // `+ 0` turns -0 into 0, so a rounded -0.0001 compares equal to 0.
  Array.from(xs, (v) => Math.round(v * 1000) / 1000 + 0);

describe('gelu', () => {
  const x = tensor([-2, -1, 0, 1, 2]);

  it('is exact (erf-based) by default, like PyTorch', () => {
    // torch.nn.functional.gelu(torch.tensor([-2., -1, 0, 1, 2])) = [-0.0455, -0.1587, 0, 0.8413, 1.9545]
    expect(round3(gelu(x).dataSync())).toEqual([-0.046, -0.159, 0, 0.841, 1.954]);
    expect(round3(gelu(x, { approximate: 'none' }).dataSync())).toEqual([
      -0.046, -0.159, 0, 0.841, 1.954,
    ]);
  });

  it("approximate: 'tanh' gives the tanh approximation", () => {
    // torch: gelu(x, approximate='tanh') = [-0.0454, -0.1588, 0, 0.8412, 1.9546]
    expect(round3(gelu(x, { approximate: 'tanh' }).dataSync())).toEqual([
      -0.045, -0.159, 0, 0.841, 1.955,
    ]);
  });

  it('keeps float64', () => {
    expect(gelu(tensor([1], { dtype: 'float64' })).dtype).toBe('float64');
  });

  it('is finite at ±1e4', () => {
    expect(Array.from(gelu(tensor([-1e4, 1e4])).dataSync())).toEqual([-0, 1e4]);
  });

  it('rejects bad input', () => {
    expect(() => gelu([1, 2] as never)).toThrow(
      /gelu: expected input to be a Tensor, got an array/,
    );
    expect(() => gelu(tensor([1], { dtype: 'int32' }))).toThrow(
      /gelu: expected input of a floating point dtype, got int32; convert it with \.float\(\)/,
    );
    expect(() => gelu(x, { approximate: 'erf' as never })).toThrow(
      /gelu: approximate must be 'none' or 'tanh', got "erf"/,
    );
  });
});
