import {
  createCpuBackend,
  tensor,
  trackStorages,
  type Backend,
  Tensor,
  type Storage,
} from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { Adam, AdamW, Lion, SGD, type Optimizer } from './index';

type Named = [string, Tensor][];
type Make = (params: Named) => Optimizer;

// A second CPU backend is a device of its own: its tensors and the default backend's do not mix,
// as a gpu.js backend's and the CPU's do not (backend-gpujs tests the same with real modules).
const other: Backend = createCpuBackend({ wasm: false });

const kinds: [string, Make][] = [
  ['SGD with momentum', (p) => new SGD(p, { lr: 0.05, momentum: 0.9 })],
  ['Adam', (p) => new Adam(p, { lr: 0.1, weightDecay: 0.1 })],
  ['AdamW (fused step)', (p) => new AdamW(p, { lr: 0.1, weightDecay: 0.1 })],
  ['Adam with AMSGrad', (p) => new Adam(p, { lr: 0.1, amsgrad: true })],
  ['Lion', (p) => new Lion(p, { lr: 0.01, weightDecay: 0.1 })],
];

/** What `model.to(backend)` does to each parameter: its storage moves, the object stays. */
function moveTo(params: readonly Tensor[], backend: Backend): void {
  for (const p of params) {
    p.storage.moveTo(backend, p.dtype);
    p.grad = null;
  }
}

/** Two parameters on the default backend and an optimizer over them. */
function setup(make: Make) {
  const w = tensor([0.5, -1.5, 2]).requiresGrad_(true);
  const b = tensor([0.25, -0.75]).requiresGrad_(true);
  const opt = make([
    ['w', w],
    ['b', b],
  ]);
  const losses: number[] = [];
  const train = (steps: number) => {
    for (let i = 0; i < steps; i++) {
      const loss = w.mul(w).sum().add(w.sum()).add(b.mul(b).mul(3).sum());
      opt.zeroGrad();
      loss.backward();
      opt.step();
      losses.push(loss.item());
    }
  };
  return { params: [w, b], opt, train, losses, values: () => [...w.dataSync(), ...b.dataSync()] };
}

/** Every tensor in a (nested) state record. */
function tensorsIn(value: unknown, into: Tensor[] = []): Tensor[] {
  if (value instanceof Tensor) into.push(value);
  else if (value !== null && typeof value === 'object')
    for (const v of Object.values(value)) tensorsIn(v, into);
  return into;
}

describe('optimizer state follows its parameters to their backend', () => {
  for (const [label, make] of kinds) {
    it(`${label}: made before the parameters move, it steps as one made after`, () => {
      const first = setup(make);
      moveTo(first.params, other);
      first.train(4);
      const late = setup(make);
      late.train(0);
      moveTo(late.params, other); // PyTorch's order: optimizer first, then model.to(device)
      late.train(4);
      expect(late.losses).toEqual(first.losses);
      expect(late.values()).toEqual(first.values());
      expect(late.params.every((p) => p.backend === other)).toBe(true);
    });

    it(`${label}: parameters moved between steps keep their state (moments move with them)`, () => {
      const straight = setup(make);
      straight.train(6);
      const moved = setup(make);
      moved.train(3);
      moveTo(moved.params, other);
      moved.train(3);
      // Both backends compute float32 elementwise ops the same way, so the runs agree exactly.
      expect(moved.losses).toEqual(straight.losses);
      expect(moved.values()).toEqual(straight.values());
      for (const t of tensorsIn(moved.opt.stateDict().state)) expect(t.backend).toBe(other);
    });

    it(`${label}: a state loaded before the parameters move follows them`, () => {
      const straight = setup(make);
      straight.train(5);
      const saved = setup(make);
      saved.train(2);
      const resumed = setup(make);
      resumed.params.forEach((p, i) => p.detach().copy_(saved.params[i]));
      resumed.opt.loadStateDict(saved.opt.stateDict());
      moveTo(resumed.params, other);
      resumed.train(3);
      expect(resumed.values()).toEqual(straight.values());
    });
  }

  it('stateDict() after a move holds the state on the parameters backend, as copies', () => {
    const s = setup((p) => new AdamW(p, { lr: 0.1 }));
    s.train(1);
    moveTo(s.params, other);
    const state = s.opt.stateDict().state;
    const tensors = tensorsIn(state);
    expect(tensors.length).toBe(4); // mu and nu of w and b
    for (const t of tensors) expect(t.backend).toBe(other);
    // A copy: changing it changes nothing inside the optimizer.
    tensors[0].detach().copy_(tensors[0].mul(0).add(7));
    expect(tensorsIn(s.opt.stateDict().state)[0].dataSync()[0]).not.toBe(7);
  });

  it('a state dict taken before the first step loads and round-trips, across a move too', () => {
    for (const [, make] of kinds) {
      const fresh = setup(make);
      const before = fresh.opt.stateDict(); // the initial state: PyTorch's is empty, ours is zeros
      const round = setup(make);
      round.opt.loadStateDict(before);
      expect(snapshot(round.opt.stateDict())).toEqual(snapshot(before));
      moveTo(round.params, other);
      round.train(3);
      const plain = setup(make);
      moveTo(plain.params, other);
      plain.train(3);
      expect(round.values()).toEqual(plain.values());
    }
  });

  it('the state left on the old backend is freed when it follows, and nothing moves twice', () => {
    const made: Storage[] = [];
    const s = trackStorages(made, () => setup((p) => new Adam(p, { lr: 0.1 })));
    const initial = made.filter((st) => !s.params.some((p) => p.storage === st));
    expect(initial.length).toBe(4); // the zero moments mu and nu of w and b
    s.train(1);
    moveTo(s.params, other);
    const moved = stepOnly(s);
    expect(initial.every((st) => st.disposed)).toBe(true);
    // The moved moments are what this step made and kept; the fused step then updates them in place.
    expect(moved.map((st) => st.backend)).toEqual([other, other, other, other]);
    expect(stepOnly(s)).toEqual([]);
  });
});

/** Computes the loss and gradients, then steps; returns the storages the step made and kept. */
function stepOnly(s: ReturnType<typeof setup>): Storage[] {
  const [w, b] = s.params;
  const loss = w.mul(w).sum().add(w.sum()).add(b.mul(b).mul(3).sum());
  s.opt.zeroGrad();
  loss.backward();
  const made: Storage[] = [];
  trackStorages(made, () => s.opt.step());
  return made.filter((st) => !st.disposed);
}

describe('loadStateDict frees the state it replaces', () => {
  it('the replaced moments are disposed, the loaded ones kept (they were never freed before)', () => {
    const s = setup((p) => new Adam(p, { lr: 0.1, amsgrad: true }));
    s.train(2);
    const replaced = stepOnly(s); // AMSGrad's transform path makes new mu, nu and nuMax
    expect(replaced.length).toBe(6);
    const saved = s.opt.stateDict();
    const loaded: Storage[] = [];
    trackStorages(loaded, () => s.opt.loadStateDict(saved));
    expect(replaced.every((st) => st.disposed)).toBe(true);
    expect(loaded.filter((st) => !st.disposed).length).toBe(6);
    s.train(1);
    expect(s.values().every(Number.isFinite)).toBe(true);
  });
});

/** The state dict as plain data (tensors as dtype, shape and values), for equality checks. */
function snapshot(value: unknown): unknown {
  if (value instanceof Tensor)
    return { dtype: value.dtype, shape: value.shape, values: [...value.dataSync()] };
  if (Array.isArray(value)) return value.map(snapshot);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, snapshot(x)]));
  return value;
}
