import { describe, expect, it } from 'vitest';
import * as torchlet from './index';

describe('torchlet umbrella', () => {
  it('re-exports tensor and autograd, with backward attached', () => {
    const x = torchlet.tensor(2, { requiresGrad: true });
    x.pow(2).mul(3).neg().backward();
    expect(x.grad!.item()).toBe(-12);
    expect(typeof torchlet.noGrad).toBe('function');
    expect(typeof torchlet.autograd.gradcheck).toBe('function');
    expect(torchlet.manualSeed).toBeTypeOf('function');
  });
});
