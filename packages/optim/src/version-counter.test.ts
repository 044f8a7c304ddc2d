import { tensor, type Tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { Adam, AdamW, Lion, SGD, type Optimizer } from './index';

const modified =
  /modified by an inplace operation: \[Float \[3\]\].* is at version 1; expected version 0 instead/;

const kinds: [string, (params: Tensor[]) => Optimizer][] = [
  ['SGD', (p) => new SGD(p, { lr: 0.1 })],
  ['SGD with momentum', (p) => new SGD(p, { lr: 0.1, momentum: 0.9, weightDecay: 0.01 })],
  ['Adam (fused)', (p) => new Adam(p, { lr: 0.1 })],
  ['Adam with AMSGrad (transform chain)', (p) => new Adam(p, { lr: 0.1, amsgrad: true })],
  ['AdamW (fused)', (p) => new AdamW(p, { lr: 0.1 })],
  ['AdamW with AMSGrad (transform chain)', (p) => new AdamW(p, { lr: 0.1, amsgrad: true })],
  ['Lion', (p) => new Lion(p, { lr: 0.1 })],
];

describe('every optimizer step bumps the version of each parameter it updates', () => {
  for (const [label, make] of kinds) {
    it(`${label}: a backward through a graph saved before opt.step() throws (the GAN pattern)`, () => {
      const w = tensor([1, -2, 3]).requiresGrad_(true);
      const skipped = tensor([4, 5, 6]).requiresGrad_(true);
      const opt = make([w, skipped]);
      const x = tensor([0.5, 1, -1]).requiresGrad_(true);
      const loss = x.mul(w).sum(); // saves w for x's gradient
      w.grad = tensor([0.1, -0.2, 0.3]);
      const before = w.storage.version;
      opt.step();
      expect(w.storage.version).toBe(before + 1);
      expect(skipped.storage.version).toBe(0); // no gradient: not updated, not bumped
      expect(() => loss.backward()).toThrow(modified);
    });
  }
});
