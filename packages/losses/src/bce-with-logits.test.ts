import { tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import '@torchlet/autograd';
import { bceWithLogits } from './bce-with-logits';

const finite = (xs: ArrayLike<number>) => Array.from(xs).every(Number.isFinite);
const bce = (x: number, t: number) =>
  -(t * Math.log(1 / (1 + Math.exp(-x))) + (1 - t) * Math.log(1 - 1 / (1 + Math.exp(-x))));

describe('bceWithLogits', () => {
  it('is binary cross-entropy of sigmoid(logits)', () => {
    const out = bceWithLogits(tensor([2, -1, 0]), tensor([1, 0.3, 0]), {
      reduction: 'none',
    }).dataSync();
    expect(out[0]).toBeCloseTo(bce(2, 1), 6);
    expect(out[1]).toBeCloseTo(bce(-1, 0.3), 6);
    expect(out[2]).toBeCloseTo(Math.LN2, 6);
  });

  it('has gradient sigmoid(x) - t, also at x = 0', () => {
    const x = tensor([0, 0, 3], { requiresGrad: true });
    bceWithLogits(x, tensor([0, 1, 0.25]), { reduction: 'sum' }).backward();
    const g = x.grad!.dataSync();
    expect(g[0]).toBeCloseTo(0.5, 6);
    expect(g[1]).toBeCloseTo(-0.5, 6);
    expect(g[2]).toBeCloseTo(1 / (1 + Math.exp(-3)) - 0.25, 6);
  });

  it('is finite, with finite gradients, for logits of ±1e4', () => {
    const x = tensor(
      [
        [1e4, -1e4],
        [-1e4, 1e4],
      ],
      { requiresGrad: true },
    );
    const t = tensor(
      [
        [0, 1],
        [0.5, 1],
      ],
      { requiresGrad: true },
    );
    const loss = bceWithLogits(x, t, { posWeight: tensor([2, 3]) });
    // (1 - t) x + (1 + (p - 1) t) log(1 + e^-x) per element: 1e4, 3 * 1e4, -0.5e4 + 1.5e4, 0
    expect(loss.item()).toBeCloseTo((1e4 + 3e4 + 1e4 + 0) / 4, 6);
    loss.backward();
    expect(finite(x.grad!.dataSync())).toBe(true);
    expect(finite(t.grad!.dataSync())).toBe(true);
  });

  it('throws on mismatched shapes and bad weights', () => {
    const x = tensor([[1, 2, 3, 4]]);
    expect(() => bceWithLogits(x, tensor([1, 0, 1, 0]))).toThrow(
      'bceWithLogits: expected target [4] to have the same shape as logits [1,4]; reshape or expand the target to [1,4] (PyTorch would broadcast them with a warning)',
    );
    expect(() => bceWithLogits(x, x, { weight: tensor([1, 2]) })).toThrow(
      'bceWithLogits: weight [2] cannot be broadcast to the logits shape [1,4]; give it a shape like [4] or [1,4]',
    );
    expect(() => bceWithLogits(x, x, { posWeight: tensor([[1], [2]]) })).toThrow(
      /bceWithLogits: posWeight \[2,1\] cannot be broadcast to the logits shape \[1,4\]/,
    );
    expect(() => bceWithLogits(x, x, { pos_weight: tensor([1]) } as never)).toThrow(
      "bceWithLogits: unknown option 'pos_weight'; did you mean 'posWeight'?",
    );
    expect(() => bceWithLogits(x, x, { reduction: 'elementwise_mean' as never })).toThrow(
      /bceWithLogits: reduction must be 'mean', 'sum' or 'none'/,
    );
    expect(() => bceWithLogits(x, tensor([[1, 0, 1, 0]], { dtype: 'int32' }))).toThrow(
      /bceWithLogits: expected target of a floating point dtype, got int32; convert it with \.float\(\)/,
    );
  });
});
