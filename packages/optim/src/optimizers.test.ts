import { readFileSync } from 'node:fs';
import { tensor, type Tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { Adam, AdamW, clipGradNorm, clipGradValue, Lion, SGD, type Optimizer } from './index';

interface Step {
  loss: number;
  norm: number;
  w: number[];
  b: number[];
}
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/optim-fixtures.json', import.meta.url), 'utf8'),
) as {
  torch: string;
  x: number[];
  y: number[];
  w0: number[];
  b0: number[];
  cases: { optimizer: string; options: Record<string, unknown>; steps: Step[] }[];
};

const X = tensor(fixture.x).reshape([5, 3]);
const Y = tensor(fixture.y).reshape([5, 4]);
const make = {
  SGD: (p: [string, Tensor][], o: Record<string, unknown>) => new SGD(p, o),
  Adam: (p: [string, Tensor][], o: Record<string, unknown>) => new Adam(p, o as never),
  AdamW: (p: [string, Tensor][], o: Record<string, unknown>) => new AdamW(p, o as never),
} as Record<string, (p: [string, Tensor][], o: Record<string, unknown>) => Optimizer>;

function lossOf(w: Tensor, b: Tensor): Tensor {
  const r = X.matmul(w.T).add(b).sub(Y);
  return r.mul(r).sum().add(b.mul(b).mul(fixture.x[0]).sum());
}

function close(actual: ArrayLike<number>, expected: readonly number[], tol: number): void {
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i]))).toBeLessThan(
      tol,
    );
  }
}

describe(`optimizers follow torch.optim ${fixture.torch} step by step`, () => {
  for (const c of fixture.cases) {
    it(`${c.optimizer} ${JSON.stringify(c.options)}`, () => {
      const w = tensor(fixture.w0).reshape([4, 3]).requiresGrad_(true);
      const b = tensor(fixture.b0).requiresGrad_(true);
      const opt = make[c.optimizer](
        [
          ['w', w],
          ['b', b],
        ],
        c.options,
      );
      c.steps.forEach((s) => {
        const loss = lossOf(w, b);
        opt.zeroGrad();
        loss.backward();
        const norm = clipGradNorm([w, b], 5.0);
        opt.step();
        expect(loss.item()).toBeCloseTo(s.loss, 3);
        expect(norm).toBeCloseTo(s.norm, 3);
        close(w.dataSync(), s.w, 1e-5);
        close(b.dataSync(), s.b, 1e-5);
      });
    });
  }
});

describe('PyTorch-style optimizer behaviour', () => {
  const param = () => tensor([1, -2, 3]).requiresGrad_(true);

  it('validates hyperparameters with precise messages', () => {
    expect(() => new AdamW([param()], { lr: -0.1 })).toThrow(
      'AdamW: invalid learning rate: -0.1 (lr must be a number >= 0)',
    );
    expect(() => new Adam([param()], { betas: [1.0, 0.999] })).toThrow(
      'Adam: invalid beta parameter at index 0: 1 (betas must lie in [0, 1))',
    );
    expect(() => new AdamW([param()], { eps: 0 })).toThrow(
      'AdamW: invalid epsilon value: 0 (eps must be > 0)',
    );
    expect(() => new AdamW([param()], { weightDecay: -1 })).toThrow(
      /invalid weightDecay value: -1/,
    );
    expect(() => new SGD([param()], { lr: 0.1, nesterov: true })).toThrow(
      /Nesterov momentum requires a momentum and zero dampening/,
    );
    expect(() => new AdamW([], {})).toThrow('AdamW: optimizer got an empty parameter list');
    expect(() => new SGD([tensor([1])], {})).toThrow(/does not require grad/);
  });

  it('param groups have their own lr and weight decay, and lr changes take effect', () => {
    const a = param();
    const b = param();
    const opt = new SGD([{ params: [a] }, { params: [b], lr: 0 }], { lr: 0.5 });
    a.sum().add(b.sum()).backward();
    opt.step();
    expect(a.toArray()).toEqual([0.5, -2.5, 2.5]);
    expect(b.toArray()).toEqual([1, -2, 3]);
    opt.paramGroups[1].lr = 1;
    opt.step();
    expect(b.toArray()).toEqual([0, -3, 2]);
  });

  it('skips parameters without a gradient and clears gradients', () => {
    const a = param();
    const b = param();
    const opt = new AdamW([a, b], { lr: 0.1 });
    a.sum().backward();
    opt.step();
    expect(b.toArray()).toEqual([1, -2, 3]);
    opt.zeroGrad();
    expect(a.grad).toBeNull();
    a.sum().backward();
    opt.zeroGrad({ setToNone: false });
    expect(a.grad!.toArray()).toEqual([0, 0, 0]);
  });

  it('stateDict is keyed by parameter name, and a reload gives bit-identical later steps', () => {
    const run = (reload: boolean) => {
      const w = tensor([0.5, -1.5, 2]).requiresGrad_(true);
      let opt = new AdamW([['layer.weight', w]], { lr: 0.1, weightDecay: 0.1 });
      const losses: number[] = [];
      for (let step = 0; step < 6; step++) {
        if (reload && step === 3) {
          const saved = opt.stateDict();
          expect(
            Object.keys((saved.state[0] as { scaleByAdam: { mu: object } }).scaleByAdam.mu),
          ).toEqual(['layer.weight']);
          opt = new AdamW([['layer.weight', w]], { lr: 0.5 });
          opt.loadStateDict(saved);
        }
        const loss = w.mul(w).sum().add(w.sum());
        losses.push(loss.item());
        opt.zeroGrad();
        loss.backward();
        opt.step();
      }
      return [...losses, ...w.dataSync()];
    };
    expect(run(true)).toEqual(run(false));
  });

  it('loadStateDict rejects other parameter names and shapes, changing nothing', () => {
    const opt = new AdamW([['a', param()]]);
    const other = new AdamW([['b', param()]]).stateDict();
    expect(() => opt.loadStateDict(other)).toThrow(
      /param group 0 holds \[b\] in the saved state but \[a\] here/,
    );
    const wrong = new AdamW([['a', tensor([1, 2]).requiresGrad_(true)]]).stateDict();
    expect(() => opt.loadStateDict(wrong)).toThrow(
      "AdamW.loadStateDict: state[0].scaleByAdam.mu['a'] has shape [2], the parameter has shape [3]",
    );
  });

  it('Lion takes sign steps', () => {
    const w = tensor([1, -2, 3]).requiresGrad_(true);
    const opt = new Lion([w], { lr: 0.1 });
    w.mul(tensor([2, -3, 0.5]))
      .sum()
      .backward();
    opt.step();
    const got = w.toArray() as number[];
    [0.9, -1.9, 2.9].forEach((v, i) => expect(got[i]).toBeCloseTo(v, 6));
  });

  it('clipGradNorm returns the norm before clipping and skips missing grads; clipGradValue clamps', () => {
    const a = tensor([3, 4]).requiresGrad_(true);
    const b = tensor([1]).requiresGrad_(true);
    a.mul(a).mul(0.5).sum().backward(); // grad = [3, 4], norm 5
    expect(clipGradNorm([a, b], 1)).toBeCloseTo(5, 6);
    const g = a.grad!.toArray() as number[];
    expect(g[0]).toBeCloseTo(0.6, 5);
    expect(g[1]).toBeCloseTo(0.8, 5);
    expect(clipGradNorm([a], 10)).toBeCloseTo(1, 5);
    clipGradValue([a, b], 0.7);
    expect((a.grad!.toArray() as number[])[1]).toBeCloseTo(0.7, 6);
    expect(() => clipGradNorm([a], -1)).toThrow(
      'clipGradNorm: maxNorm must be a number >= 0, got -1',
    );
  });
});
