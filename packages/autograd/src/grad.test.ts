import { tensor, type Tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { grad, valueAndGrad } from './index';

describe('grad and valueAndGrad', () => {
  it('differentiates with respect to the first argument by default', () => {
    const f = (x: Tensor) => x.pow(3).sum();
    expect(grad(f)(tensor([1, 2])).toArray()).toEqual([3, 12]);
  });

  it('takes argnums and leaves the caller tensors untouched', () => {
    const w = tensor([1, 2]);
    const b = tensor(0.5);
    const f = (x: Tensor, y: Tensor) => x.mul(y).sum();
    const [gw, gb] = grad(f, [0, 1])(w, b);
    expect(gw.toArray()).toEqual([0.5, 0.5]);
    expect(gb.item()).toBe(3);
    expect(w.grad).toBeNull();
    expect(w.requiresGrad).toBe(false);
  });

  it('valueAndGrad returns the value too, and zeros for an unused argument', () => {
    const [value, [g1, g2]] = valueAndGrad((x: Tensor, _y: Tensor) => x.mul(x).sum(), [0, 1])(
      tensor([3]),
      tensor([4]),
    );
    expect(value.item()).toBe(9);
    expect(g1.toArray()).toEqual([6]);
    expect(g2.toArray()).toEqual([0]);
  });

  it('rejects a non-scalar function', () => {
    expect(() => grad((x: Tensor) => x.mul(2))(tensor([1, 2]))).toThrow(/one-element Tensor/);
  });
});
