import { randn, trackStorages, type Storage, type Tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { Adam, AdamW, Lion, SGD, type Optimizer } from './index';

// Device buffers (gpu.js textures) are freed only by dispose() or a finalizer, which never runs
// in a loop that does not yield: each step must free what it made and does not keep.
const cases: Array<[string, (p: Tensor[]) => Optimizer, number]> = [
  ['SGD', (p) => new SGD(p, { lr: 0.1 }), 0],
  ['SGD with momentum', (p) => new SGD(p, { lr: 0.1, momentum: 0.9 }), 1],
  ['Adam with AMSGrad', (p) => new Adam(p, { lr: 0.1, amsgrad: true }), 3],
  ['AdamW (fused step)', (p) => new AdamW(p, { lr: 0.1 }), 0],
  ['Lion', (p) => new Lion(p, { lr: 0.1 }), 1],
];

describe('optimizer steps free every buffer they make and do not keep', () => {
  for (const [name, make, keptPerParam] of cases) {
    it(`${name}: only the new state survives a step, and the state it replaced is freed`, () => {
      const params = [randn([3, 2], { requiresGrad: true }), randn([4], { requiresGrad: true })];
      const opt = make(params);
      let previous: Storage[] = [];
      for (let step = 0; step < 3; step++) {
        for (const p of params) p.grad = randn(p.shape);
        const made: Storage[] = [];
        trackStorages(made, () => opt.step());
        const alive = made.filter((s) => !s.disposed);
        expect(alive.length).toBe(keptPerParam * params.length);
        // What the previous step kept has been replaced, and so freed, by this one.
        if (keptPerParam > 0) expect(previous.every((s) => s.disposed)).toBe(true);
        previous = alive;
      }
      // Parameters and gradients are never freed.
      expect(params.every((p) => !p.storage.disposed && !p.grad!.storage.disposed)).toBe(true);
      expect(params[0].toArray()).toHaveLength(3);
    });
  }
});
