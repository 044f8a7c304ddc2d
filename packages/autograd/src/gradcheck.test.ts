import { cpuBackend, manualSeed, randn, type Backend, type Tensor } from '@torchlet/tensor';
import { beforeEach, describe, expect, it } from 'vitest';
import { customFunction, gradcheck, GradcheckError, gradgradcheck } from './index';

beforeEach(() => manualSeed(3));

// x², with a first derivative that is right but cut off from x: its own derivative is 0.
const flatSquare = customFunction({
  name: 'FlatSquare',
  forward(ctx, x: Tensor) {
    ctx.saveForBackward(x);
    return x.mul(x);
  },
  backward(ctx, grad) {
    return [grad.mul(ctx.saved[0].detach()).mul(2)];
  },
});

describe('gradcheck and gradgradcheck', () => {
  it('check inputs that live on another backend than the default', () => {
    const other: Backend = { ...cpuBackend, fused: undefined };
    const x = randn([2, 3], { dtype: 'float64', backend: other, requiresGrad: true });
    expect(gradcheck((a) => a.tanh().mul(a), [x])).toBe(true);
    expect(gradgradcheck((a) => a.tanh().mul(a), [x])).toBe(true);
  });

  it('gradgradcheck passes right second derivatives and catches wrong ones', () => {
    const x = randn([4], { dtype: 'float64', requiresGrad: true });
    expect(gradcheck((a) => flatSquare(a), [x])).toBe(true);
    expect(gradgradcheck((a) => a.mul(a).sin(), [x])).toBe(true);
    expect(() => gradgradcheck((a) => flatSquare(a), [x])).toThrow(GradcheckError);
  });
});
