import { tensor, type Tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { AdamW, SGD } from './index';

/** Two single-parameter groups; each gradient is 1, so a plain SGD step subtracts `lr`. */
function twoGroups() {
  const a = tensor([1, 2]).requiresGrad_(true);
  const b = tensor([3]).requiresGrad_(true);
  const opt = new SGD([{ params: [a] }, { params: [b], lr: 0.5 }], { lr: 0.25 });
  const step = () => {
    opt.zeroGrad();
    a.sum().add(b.sum()).backward();
    opt.step();
  };
  return { a, b, opt, step };
}

const values = (t: Tensor) => [...t.dataSync()];

describe('Optimizer.setLr: the learning rate of every group, typed', () => {
  it('one number sets every group, and the next step uses it', () => {
    const { a, b, opt, step } = twoGroups();
    opt.setLr(0.125);
    expect(opt.paramGroups.map((g) => g.lr)).toEqual([0.125, 0.125]);
    expect(opt.learningRate).toBe(0.125);
    step();
    expect(values(a)).toEqual([0.875, 1.875]);
    expect(values(b)).toEqual([2.875]);
  });

  it('an array sets one rate per group, in order', () => {
    const { a, b, opt, step } = twoGroups();
    opt.setLr([0.5, 0]);
    step();
    expect(values(a)).toEqual([0.5, 1.5]);
    expect(values(b)).toEqual([3]);
  });

  it('writes the groups the schedulers write: the same objects, so either may set the lr', () => {
    const { opt } = twoGroups();
    const held = opt.paramGroups[1]; // what LRScheduler and ReduceLROnPlateau keep and write
    opt.setLr(0.0625);
    expect(held.lr).toBe(0.0625);
    held.lr = 0.03125; // a scheduler's step
    expect(opt.paramGroups.map((g) => g.lr)).toEqual([0.0625, 0.03125]);
  });

  it('is checked before anything is written, naming the optimizer and the value', () => {
    const { opt, a, step } = twoGroups();
    expect(() => opt.setLr(-1)).toThrow(
      'SGD.setLr: invalid learning rate: -1 (lr must be a number >= 0)',
    );
    expect(() => opt.setLr(Number.NaN)).toThrow('SGD.setLr: invalid learning rate: NaN');
    expect(() => opt.setLr('0.1' as unknown as number)).toThrow(
      'SGD.setLr: invalid learning rate: "0.1"',
    );
    expect(() => opt.setLr([0.1])).toThrow(
      'SGD.setLr: got 1 learning rates for 2 param groups; pass one number for every group or one rate per group',
    );
    expect(() => opt.setLr([0.1, -2])).toThrow(
      'SGD.setLr(lr[1]): invalid learning rate: -2 (lr must be a number >= 0)',
    );
    // Nothing was written by the refused calls, not even the valid first rate.
    expect(opt.paramGroups.map((g) => g.lr)).toEqual([0.25, 0.5]);
    step();
    expect(values(a)).toEqual([0.75, 1.75]);
  });

  it('AdamW with one group: setLr equals writing paramGroups[0].lr', () => {
    const run = (set: (opt: AdamW) => void) => {
      const w = tensor([0.5, -1.5, 2]).requiresGrad_(true);
      const opt = new AdamW([w], { lr: 0.1 });
      for (let i = 0; i < 3; i++) {
        set(opt);
        opt.zeroGrad();
        w.mul(w).sum().backward();
        opt.step();
      }
      return values(w);
    };
    const viaSetLr = run((opt) => opt.setLr(0.01));
    expect(viaSetLr).toEqual(run((opt) => (opt.paramGroups[0].lr = 0.01)));
    expect(viaSetLr).not.toEqual(run(() => undefined));
  });
});
