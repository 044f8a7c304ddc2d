import '@torchlet/autograd';
import { manualSeed, randn, tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { LayerNorm, layerNorm } from './index';

describe('layerNorm (F.layer_norm)', () => {
  it('gives what the LayerNorm module gives, and gradients to input, weight and bias', () => {
    manualSeed(3);
    const x = randn([4, 6], { requiresGrad: true });
    const w = randn([6], { requiresGrad: true });
    const b = randn([6], { requiresGrad: true });
    const module = new LayerNorm(6);
    module.weight!.detach().copy_(w.detach());
    module.bias!.detach().copy_(b.detach());
    const y = layerNorm(x, [6], w, b);
    expect(y.toArray()).toEqual(module.forward(x).toArray());
    y.sum().backward();
    // d sum(y)/d bias = number of rows; d sum(y)/d weight = the column sums of x̂.
    expect(Array.from(b.grad!.dataSync())).toEqual([4, 4, 4, 4, 4, 4]);
    const xhat = layerNorm(x.detach(), [6]).sum(0).dataSync();
    w.grad!.dataSync().forEach((g, j) => expect(g).toBeCloseTo(xhat[j], 5));
    // Without weights, a normalised row sums to a constant: sum(x̂) has a zero input gradient.
    const x2 = x.detach().requiresGrad_();
    layerNorm(x2, [6]).sum().backward();
    for (const v of x2.grad!.dataSync()) expect(Math.abs(v)).toBeLessThan(1e-5);
  });

  it('normalises [[1, 2, 3]] to ±1.2247', () => {
    const y = layerNorm(tensor([[1, 2, 3]]), 3).dataSync();
    expect(y[0]).toBeCloseTo(-1.2247, 4);
    expect(y[1]).toBeCloseTo(0, 6);
    expect(y[2]).toBeCloseTo(1.2247, 4);
  });

  it('names the op, the shapes and the fix when shapes disagree', () => {
    expect(() => layerNorm(randn([2, 5]), [4])).toThrow(
      'layerNorm: expected input with shape [*, 4], got [2,5]',
    );
    expect(() => new LayerNorm(4).forward(randn([2, 5]))).toThrow(
      'LayerNorm([4]): expected input with shape [*, 4], got [2,5]',
    );
    expect(() => layerNorm(randn([2, 4]), [4], randn([3]))).toThrow(
      'layerNorm: weight has shape [3] but the normalized shape is [4]',
    );
    expect(() => layerNorm(randn([2, 4]), [4], null, null, -1)).toThrow(
      'layerNorm: eps must be >= 0, got -1',
    );
  });
});
