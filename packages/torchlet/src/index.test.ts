import { describe, expect, it } from 'vitest';
import * as torchlet from './index';
import { functional as F, nn, tensor } from './index';

describe('torchlet umbrella', () => {
  it('re-exports tensor and autograd, with backward attached', () => {
    const x = torchlet.tensor(2, { requiresGrad: true });
    x.pow(2).mul(3).neg().backward();
    expect(x.grad!.item()).toBe(-12);
    expect(typeof torchlet.noGrad).toBe('function');
    expect(typeof torchlet.autograd.gradcheck).toBe('function');
    expect(torchlet.manualSeed).toBeTypeOf('function');
  });

  it('groups names the way PyTorch does: nn, nn.functional, nn.init', () => {
    const fc = new nn.Linear(4, 2);
    nn.init.zeros_(fc.bias!);
    const logits = fc.forward(tensor([[1, 2, 3, 4]]));
    const loss = F.crossEntropy(logits, tensor([1], { dtype: 'int32' }));
    expect(Number.isFinite(loss.item())).toBe(true);
    expect(nn.functional.gelu).toBe(torchlet.gelu);
    expect(torchlet.Linear).toBe(nn.Linear);
  });
});
