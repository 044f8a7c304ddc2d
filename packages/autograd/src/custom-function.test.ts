import { randn, tensor, type Tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { customFunction, gradcheck } from './index';

describe('customFunction', () => {
  const cube = customFunction({
    name: 'Cube',
    forward(ctx, x: Tensor) {
      ctx.saveForBackward(x);
      return x.mul(x).mul(x);
    },
    backward(ctx, grad) {
      const [x] = ctx.saved;
      return [grad.mul(x.mul(x).mul(3))];
    },
  });

  it('records one node with the given backward', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = cube(x);
    expect(String(y.gradFn)).toBe('<CubeBackward>');
    y.sum().backward();
    expect(x.grad!.toArray()).toEqual([3, 12]);
  });

  it('passes gradcheck', () => {
    const x = randn([4], { dtype: 'float64', requiresGrad: true });
    expect(gradcheck((a) => cube(a), [x])).toBe(true);
  });

  it('gradcheck catches a wrong backward', () => {
    const wrong = customFunction({
      name: 'WrongCube',
      forward: (_ctx, x: Tensor) => x.mul(x).mul(x),
      backward: (_ctx, grad) => [grad.mul(2)],
    });
    const x = randn([3], { dtype: 'float64', requiresGrad: true });
    expect(() => gradcheck((a) => wrong(a), [x])).toThrow(/Jacobian mismatch/);
  });

  it('does not record when no input requires grad', () => {
    expect(cube(tensor([2])).gradFn).toBeNull();
  });
});
