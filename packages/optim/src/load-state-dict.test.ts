import { createCpuBackend, tensor, Tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { Adam, AdamW, Lion, SGD, type Optimizer, type OptimizerStateDict } from './index';

type Named = [string, Tensor][];
type Make = (params: Named) => Optimizer;
// Untyped on purpose: the tests hand loadStateDict malformed state dicts.
type Loose = any;

/** Two parameters, and a loss whose gradients depend on them (so moments differ per step). */
function setup(make: Make) {
  const w = tensor([0.5, -1.5, 2]).requiresGrad_(true);
  const b = tensor([0.25, -0.75]).requiresGrad_(true);
  const opt = make([
    ['w', w],
    ['b', b],
  ]);
  const train = (steps: number) => {
    for (let i = 0; i < steps; i++) {
      const loss = w.mul(w).sum().add(w.sum()).add(b.mul(b).mul(3).sum());
      opt.zeroGrad();
      loss.backward();
      opt.step();
    }
  };
  return { w, b, opt, train, values: () => [...w.dataSync(), ...b.dataSync()] };
}

/** The state dict as plain data (tensors as dtype, shape and values), for equality checks. */
function snapshot(opt: Optimizer): unknown {
  const walk = (v: unknown): unknown => {
    if (v instanceof Tensor) return { dtype: v.dtype, shape: v.shape, values: [...v.dataSync()] };
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(opt.stateDict());
}

/**
 * Trains two copies for 2 steps, offers `saved` to one (it must refuse with `message`), then
 * trains both 2 more: the refused load left nothing behind.
 */
function expectRefused(make: Make, saved: unknown, message: string | RegExp): void {
  const target = setup(make);
  const twin = setup(make);
  target.train(2);
  twin.train(2);
  const before = snapshot(target.opt);
  expect(() => target.opt.checkStateDict(saved)).toThrow(message);
  expect(() => target.opt.loadStateDict(saved as OptimizerStateDict)).toThrow(message);
  expect(snapshot(target.opt)).toEqual(before);
  target.train(2);
  twin.train(2);
  expect(target.values()).toEqual(twin.values());
}

const adamW: Make = (p) => new AdamW(p, { lr: 0.1 });
const savedBy = (make: Make, steps = 2): Loose => {
  const s = setup(make);
  s.train(steps);
  return s.opt.stateDict();
};

describe('loadStateDict checks everything before it changes anything', () => {
  it('refuses an Adam state in an SGD, naming both, and the SGD still steps (it crashed before)', () => {
    const sgd: Make = (p) => new SGD(p, { lr: 0.1, momentum: 0.9 });
    const saved = savedBy((p) => new Adam(p, { lr: 0.1 }));
    expect(saved.optimizer).toBe('Adam');
    expectRefused(
      sgd,
      saved,
      "SGD.loadStateDict: this state was saved by Adam; SGD cannot load another optimizer's state (load it into Adam, or start SGD without it)",
    );
    // A dict without its kind (saved before it was recorded) is refused by its layout.
    const { optimizer: _kind, ...unmarked } = saved;
    expectRefused(
      sgd,
      unmarked,
      "SGD.loadStateDict: paramGroups[0] holds [lr, betas, eps, weightDecay, amsgrad, names] but SGD's groups hold [lr, momentum, dampening, nesterov, weightDecay, names] (momentum, dampening, nesterov missing); was it saved by another optimizer?",
    );
  });

  it('refuses a Lion state in an AdamW, and an AdamW state in an Adam', () => {
    expectRefused(
      adamW,
      savedBy((p) => new Lion(p)),
      /this state was saved by Lion; AdamW cannot/,
    );
    expectRefused((p) => new Adam(p), savedBy(adamW), /saved by AdamW; Adam cannot load/);
  });

  it('refuses a missing per-parameter state', () => {
    const saved = savedBy(adamW);
    delete saved.state[0].scaleByAdam.nu.b;
    expectRefused(
      adamW,
      saved,
      "AdamW.loadStateDict: state[0].scaleByAdam.nu has no entry for parameter 'b'",
    );
  });

  it('refuses state tensors of another dtype or shape', () => {
    const wrongDtype = savedBy(adamW);
    wrongDtype.state[0].scaleByAdam.mu.w = tensor([0, 0, 0], { dtype: 'float64' });
    expectRefused(
      adamW,
      wrongDtype,
      "AdamW.loadStateDict: state[0].scaleByAdam.mu['w'] is float64, the parameter is float32",
    );
    const wrongShape = savedBy(adamW);
    wrongShape.state[0].scaleByAdam.mu.b = tensor([0, 0, 0]);
    expectRefused(
      adamW,
      wrongShape,
      "AdamW.loadStateDict: state[0].scaleByAdam.mu['b'] has shape [3], the parameter has shape [2]",
    );
    const notATensor = savedBy((p) => new SGD(p, { lr: 0.1, momentum: 0.9 }));
    notATensor.state[0].scaleByMomentum.buffers.w = [0, 0, 0];
    expectRefused(
      (p) => new SGD(p, { lr: 0.1, momentum: 0.9 }),
      notATensor,
      "SGD.loadStateDict: state[0].scaleByMomentum.buffers['w'] should be a Tensor, got an array",
    );
  });

  it('refuses state for unknown parameters, and bad step counts', () => {
    const unknown = savedBy(adamW);
    unknown.state[0].scaleByAdam.mu.x = tensor([1]);
    expectRefused(
      adamW,
      unknown,
      "AdamW.loadStateDict: state[0].scaleByAdam.mu has an entry for 'x', which is not a parameter of this group",
    );
    const badCount = savedBy(adamW);
    badCount.state[0].scaleByAdam.count.w = -1;
    expectRefused(
      adamW,
      badCount,
      "AdamW.loadStateDict: state[0].scaleByAdam.count['w'] should be an integer >= 0 (a step count), got number -1",
    );
  });

  it('refuses AMSGrad groups without their running maximum', () => {
    const amsgrad: Make = (p) => new Adam(p, { lr: 0.1, amsgrad: true });
    const saved = savedBy(amsgrad);
    delete saved.state[0].scaleByAdam.nuMax;
    expectRefused(
      amsgrad,
      saved,
      'Adam.loadStateDict: state[0].scaleByAdam should hold [count, mu, nu, nuMax], got [count, mu, nu]: nuMax missing',
    );
  });

  it('checks every group before assigning any hyperparameter', () => {
    const grouped: Make = ([w, b]) =>
      new AdamW([{ params: [w] }, { params: [b], weightDecay: 0 }], { lr: 0.1 });
    const saved = savedBy(grouped);
    saved.paramGroups[0].lr = 0.5; // valid
    saved.paramGroups[1].lr = -1; // invalid: nothing may be assigned, group 0's lr included
    expectRefused(
      grouped,
      saved,
      'AdamW.loadStateDict: paramGroups[1]: AdamW: invalid learning rate: -1 (lr must be a number >= 0)',
    );
    const extra = savedBy(grouped);
    extra.paramGroups[0].momentum = 0.9;
    expectRefused(grouped, extra, /paramGroups\[0\] holds .* \(momentum unknown\)/);
    expectRefused(
      grouped,
      savedBy(adamW),
      'AdamW.loadStateDict: the saved state has 1 param groups, this optimizer has 2',
    );
  });

  it('refuses what is not a state dict', () => {
    expectRefused(
      adamW,
      { paramGroups: [] },
      'AdamW.loadStateDict: expected { optimizer, paramGroups, state } as stateDict() returns, got an object with keys [paramGroups]',
    );
  });

  it('checkStateDict accepts a valid state and changes nothing', () => {
    const s = setup(adamW);
    s.train(1);
    const before = snapshot(s.opt);
    const saved = savedBy((p) => new AdamW(p, { lr: 0.5 }), 3);
    s.opt.checkStateDict(saved);
    expect(snapshot(s.opt)).toEqual(before);
    s.opt.loadStateDict(saved);
    expect(s.opt.paramGroups[0].lr).toBe(0.5);
  });
});

describe('a valid load round-trips', () => {
  const kinds: [string, Make][] = [
    ['SGD with Nesterov momentum', (p) => new SGD(p, { lr: 0.05, momentum: 0.9, nesterov: true })],
    ['Adam with AMSGrad', (p) => new Adam(p, { lr: 0.1, amsgrad: true, weightDecay: 0.1 })],
    ['AdamW (fused step)', (p) => new AdamW(p, { lr: 0.1, weightDecay: 0.1 })],
    ['Lion', (p) => new Lion(p, { lr: 0.01, weightDecay: 0.1 })],
  ];
  for (const [label, make] of kinds) {
    it(`${label}: save after 3 steps, load into a fresh one (plain-data groups), same next steps`, () => {
      const straight = setup(make);
      straight.train(6);
      const first = setup(make);
      first.train(3);
      // Groups as JSON gives them back (betas a plain array); tensors as they were.
      const saved = first.opt.stateDict();
      const reloaded = { ...saved, paramGroups: JSON.parse(JSON.stringify(saved.paramGroups)) };
      const second = setup(make);
      second.w.detach().copy_(first.w);
      second.b.detach().copy_(first.b);
      second.opt.paramGroups[0].lr = 123; // overwritten by the load
      second.opt.loadStateDict(reloaded);
      expect(snapshot(second.opt)).toEqual(snapshot(first.opt));
      second.train(3);
      expect(second.values()).toEqual(straight.values());
    });
  }

  it('state tensors are copied onto the parameters backend, as PyTorch moves them', () => {
    const other = createCpuBackend({ wasm: false });
    expect(other).not.toBe(tensor([1]).backend);
    const saved = savedBy(adamW);
    for (const key of ['mu', 'nu'])
      for (const name of ['w', 'b'])
        saved.state[0].scaleByAdam[key][name] = saved.state[0].scaleByAdam[key][name].to(other);
    const s = setup(adamW);
    s.opt.loadStateDict(saved);
    const state = s.opt.stateDict().state[0] as Loose;
    expect(state.scaleByAdam.mu.w.backend).toBe(s.w.backend);
    s.train(1); // the fused step needs its moments on the parameter's backend
    expect(s.values().every(Number.isFinite)).toBe(true);
  });
});
