import { randn, tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { autogradGrad, enableGrad, isGradEnabled, noGrad } from './index';

describe('backward', () => {
  it("runs the article's chain-rule example exactly", () => {
    const x = tensor(2.0, { requiresGrad: true });
    const a = x.pow(2);
    const b = a.mul(3);
    const loss = b.neg();
    loss.backward();
    expect(x.grad!.item()).toBe(-12);
    expect(String(loss.gradFn)).toBe('<NegBackward0>');
    expect(x.isLeaf).toBe(true);
    expect(loss.isLeaf).toBe(false);
  });

  it('accumulates gradients across calls and across reuse of a tensor', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    x.mul(x).sum().backward(); // 2x
    expect(x.grad!.toArray()).toEqual([2, 4, 6]);
    x.sum().backward(); // + 1
    expect(x.grad!.toArray()).toEqual([3, 5, 7]);
  });

  it('stores a contiguous gradient of the leaf shape and dtype', () => {
    const w = randn([3, 4], { requiresGrad: true });
    w.sum().backward();
    expect(w.grad!.shape).toEqual([3, 4]);
    expect(w.grad!.isContiguous()).toBe(true);
    expect(w.grad!.requiresGrad).toBe(false);
    const d = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    d.float().mul(2).sum().backward();
    expect(d.grad!.dtype).toBe('float64');
    expect(d.grad!.toArray()).toEqual([2, 2]);
  });

  it('takes an upstream gradient for non-scalar outputs', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    x.mul(2).backward(tensor([1, 10, 100]));
    expect(x.grad!.toArray()).toEqual([2, 20, 200]);
  });

  it('throws for backward() on a non-scalar without a gradient', () => {
    const x = randn([2, 3], { requiresGrad: true });
    expect(() => x.mul(2).backward()).toThrow(
      'backward: grad can be implicitly created only for scalar outputs, but the tensor has shape [2,3]; pass a gradient of that shape',
    );
    expect(() => x.mul(2).backward(randn([3]))).toThrow(
      'gradient has shape [3] but the tensor has shape [2,3]',
    );
  });

  it('throws on a second backward through a freed graph, and allows it with retainGraph', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.exp().sum();
    y.backward();
    expect(() => y.backward()).toThrow(
      /backward through the graph a second time.*retainGraph: true/,
    );
    const x2 = tensor([1, 2], { requiresGrad: true });
    const y2 = x2.mul(3).sum();
    y2.backward(undefined, { retainGraph: true });
    y2.backward();
    expect(x2.grad!.toArray()).toEqual([6, 6]);
  });

  it('throws for backward() on a tensor that does not require grad', () => {
    expect(() => tensor([1, 2]).sum().backward()).toThrow(/does not require grad/);
  });

  it('refuses requiresGrad on integer tensors', () => {
    expect(() => tensor([1, 2], { dtype: 'int32', requiresGrad: true })).toThrow(
      'requiresGrad: only tensors of floating point dtype can require gradients, got int32; convert first with .float()',
    );
    expect(() => tensor([1], { dtype: 'int32' }).requiresGrad_()).toThrow(/floating point/);
  });

  it('walks a chain of 100,000 ops without overflowing the stack', () => {
    const x = tensor(1, { requiresGrad: true });
    let y = x;
    for (let i = 0; i < 100_000; i++) y = y.mul(1);
    y.backward();
    expect(x.grad!.item()).toBe(1);
  });

  it('gives second derivatives with createGraph', () => {
    const x = tensor(3, { requiresGrad: true });
    const y = x.pow(3);
    const [dy] = autogradGrad([y], [x], { createGraph: true });
    expect(dy.item()).toBe(27);
    const [d2y] = autogradGrad([dy], [x]);
    expect(d2y.item()).toBe(18);
  });

  it('sends gradients through several paths into a shared node', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const h = x.mul(2);
    const y = h.mul(h).add(h).sum(); // 4x^2 + 2x
    y.backward();
    expect(x.grad!.toArray()).toEqual([10, 18]);
  });
});

describe('grad mode', () => {
  it('noGrad records nothing and restores the mode, even on throw', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = noGrad(() => x.mul(2));
    expect(y.requiresGrad).toBe(false);
    expect(y.gradFn).toBeNull();
    expect(isGradEnabled()).toBe(true);
    expect(() =>
      noGrad(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(isGradEnabled()).toBe(true);
  });

  it('enableGrad records inside noGrad', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = noGrad(() => enableGrad(() => x.mul(2)));
    expect(y.requiresGrad).toBe(true);
  });

  it('detach cuts the graph and shares storage', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const d = x.mul(2).detach();
    expect(d.requiresGrad).toBe(false);
    expect(d.gradFn).toBeNull();
    const z = x.mul(d).sum();
    z.backward();
    expect(x.grad!.toArray()).toEqual([2, 4]);
    expect(x.detach().storage).toBe(x.storage);
  });
});
