import { describe, expect, it } from 'vitest';
import { multinomial as fromTensor } from '@torchlet/tensor';
import * as torchlet from './index';

describe('torchlet umbrella: multinomial', () => {
  it('re-exports multinomial and Tensor.exponential_ from @torchlet/tensor', () => {
    expect(torchlet.multinomial).toBe(fromTensor);
    // torch.manual_seed(0); torch.multinomial(torch.tensor([0.1, 0.6, 0.3]), 1) -> tensor([2])
    torchlet.manualSeed(0);
    expect(torchlet.multinomial(torchlet.tensor([0.1, 0.6, 0.3]), 1).toArray()).toEqual([2]);
    // torch.manual_seed(0); torch.empty(2).exponential_().tolist()
    torchlet.manualSeed(0);
    expect(torchlet.zeros([2]).exponential_().toArray()).toEqual([
      3.508326292037964, 1.2303847074508667,
    ]);
  });
});
