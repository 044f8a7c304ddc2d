import { tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import '@torchlet/autograd';
import { leakyRelu } from './leaky-relu';

describe('leakyRelu', () => {
  it('scales the negatives by 0.01 by default', () => {
    const out = Array.from(leakyRelu(tensor([-2, 0, 3])).dataSync());
    expect(out[0]).toBeCloseTo(-0.02, 7);
    expect(out.slice(1)).toEqual([0, 3]);
  });

  it('takes negativeSlope, and its gradient at 0 is the slope (as in PyTorch)', () => {
    const x = tensor([-1, 0, 1], { requiresGrad: true });
    const y = leakyRelu(x, 0.1);
    expect(Array.from(y.dataSync())).toEqual([Math.fround(-0.1), 0, 1]);
    y.sum().backward();
    expect(Array.from(x.grad!.dataSync())).toEqual([Math.fround(0.1), Math.fround(0.1), 1]);
  });

  it('rejects bad input', () => {
    expect(() => leakyRelu('x' as never)).toThrow(/leakyRelu: expected input to be a Tensor/);
    expect(() => leakyRelu(tensor([1], { dtype: 'int32' }))).toThrow(/leakyRelu: .*int32/);
    expect(() => leakyRelu(tensor([1]), Number.NaN)).toThrow(/leakyRelu: negativeSlope/);
  });
});
