import { readFileSync } from 'node:fs';
import { noGrad } from '@torchlet/autograd';
import { arange, cpuBackend, randn, tensor, type Tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { Embedding, LayerNorm, Linear, Module, Parameter } from './index';

interface FixtureArray {
  dtype: string;
  shape: number[];
  data: (number | string)[];
}
const fixtures = JSON.parse(
  readFileSync(new URL('./fixtures/mha-fixtures.json', import.meta.url), 'utf8'),
) as {
  tied: {
    stateDictKeys: string[];
    namedParameters: string[];
    numParameters: number;
    state: [string, FixtureArray][];
  };
};
const { tied } = fixtures;
const load = (a: FixtureArray) => tensor(a.data.map(Number)).reshape(a.shape);
const torchState = () => Object.fromEntries(tied.state.map(([k, a]) => [k, load(a)]));

/** The generator's `Tiny`: PyTorch's field names, and `lm_head.weight = wte.weight`. */
class Tiny extends Module {
  wte = new Embedding(11, 6);
  wpe = new Embedding(4, 6);
  ln_f = new LayerNorm(6);
  lm_head = new Linear(6, 11, { bias: false });
  constructor() {
    super();
    this.lm_head.weight = this.wte.weight;
  }
  forward(idx: Tensor): Tensor {
    const pos = arange(idx.shape[1], undefined, 1, { dtype: 'int32' });
    return this.lm_head.forward(
      this.ln_f.forward(this.wte.forward(idx).add(this.wpe.forward(pos))),
    );
  }
}

describe('weight tying (lm_head.weight = wte.weight)', () => {
  it("lists the parameter once under its first name, as PyTorch's named_parameters does", () => {
    const m = new Tiny();
    expect(m.namedParameters().map(([n]) => n)).toEqual(tied.namedParameters);
    expect(m.parameters()).toHaveLength(4);
    expect(m.parameters()[0]).toBe(m.lm_head.weight);
    expect(m.numParameters()).toBe(tied.numParameters);
  });

  it("stateDict has both keys, sharing the parameter's storage, as PyTorch's state_dict", () => {
    const m = new Tiny();
    const state = m.stateDict();
    expect(Object.keys(state)).toEqual(tied.stateDictKeys);
    expect(state['lm_head.weight'].storage).toBe(m.wte.weight.storage);
    expect(state['wte.weight'].storage).toBe(m.wte.weight.storage);
    expect(state['lm_head.weight'].requiresGrad).toBe(false);
  });

  it("loads PyTorch's state_dict (both tied keys) strictly, into the one parameter", () => {
    const m = new Tiny();
    const state = torchState();
    expect(m.loadStateDict(state)).toEqual({ missingKeys: [], unexpectedKeys: [] });
    expect(m.wte.weight.toArray()).toEqual(state['wte.weight'].toArray());
    expect(m.lm_head.weight).toBe(m.wte.weight);
    expect(m.ln_f.bias!.toArray()).toEqual(state['ln_f.bias'].toArray());
  });

  it('round-trips its own stateDict into a fresh tied model', () => {
    const a = new Tiny();
    const b = new Tiny();
    b.loadStateDict(a.stateDict());
    const idx = tensor([[1, 2, 3, 4]], { dtype: 'int32' });
    expect(b.forward(idx).toArray()).toEqual(a.forward(idx).toArray());
    expect(b.lm_head.weight).toBe(b.wte.weight);
  });

  it('accepts a checkpoint that names the tied parameter once, under either key', () => {
    for (const keep of ['wte.weight', 'lm_head.weight']) {
      const drop = keep === 'wte.weight' ? 'lm_head.weight' : 'wte.weight';
      const { [drop]: _dropped, ...state } = torchState();
      const m = new Tiny();
      expect(m.loadStateDict(state), keep).toEqual({ missingKeys: [], unexpectedKeys: [] });
      expect(m.wte.weight.toArray(), keep).toEqual(state[keep].toArray());
    }
    const { ['wte.weight']: _a, ['lm_head.weight']: _b, ...none } = torchState();
    expect(() => new Tiny().loadStateDict(none)).toThrow(
      'Missing key(s) in state_dict: "wte.weight", "lm_head.weight".',
    );
  });

  it('refuses two different values for one tied parameter and writes nothing', () => {
    const m = new Tiny();
    const before = m.wte.weight.toArray();
    const beforeLn = m.ln_f.weight!.toArray();
    const state = { ...torchState(), 'lm_head.weight': randn([11, 6]) };
    expect(() => m.loadStateDict(state)).toThrow(
      'wte.weight and lm_head.weight name one tied parameter, but the checkpoint holds different values for them',
    );
    expect(m.wte.weight.toArray()).toEqual(before);
    expect(m.ln_f.weight!.toArray()).toEqual(beforeLn);
    // Equal values in two separate tensors (a checkpoint read from disk) are fine.
    const twice = torchState();
    twice['lm_head.weight'] = twice['wte.weight'].clone();
    expect(() => m.loadStateDict(twice)).not.toThrow();
  });

  it('to(backend) moves the tied parameter once and keeps it tied', () => {
    let uploads = 0;
    const other = {
      ...cpuBackend,
      name: 'other',
      upload(...args: Parameters<typeof cpuBackend.upload>) {
        uploads++;
        return cpuBackend.upload(...args);
      },
    };
    const m = new Tiny();
    const before = m.wte.weight.toArray();
    m.to(other);
    expect(uploads).toBe(4); // wte, wpe, ln_f.weight, ln_f.bias
    expect(m.lm_head.weight).toBe(m.wte.weight);
    expect(m.wte.weight.device).toBe('other');
    expect(m.wte.weight.toArray()).toEqual(before);
  });

  it('a tied parameter gets the sum of both uses as its gradient, once', () => {
    const m = new Tiny();
    const idx = tensor([[0, 3, 5]], { dtype: 'int32' });
    m.forward(idx).sum().backward();
    const g = m.wte.weight.grad!;
    expect(m.parameters().filter((p) => p === m.wte.weight)).toHaveLength(1);
    // Untied copy: the same weights in two parameters; their gradients add up to the tied one.
    const u = new Tiny();
    u.loadStateDict(m.stateDict());
    u.lm_head.weight = new Parameter(m.wte.weight.detach().clone());
    u.forward(idx).sum().backward();
    const sum = u.wte.weight.grad!.add(u.lm_head.weight.grad!);
    const err = g.sub(sum).abs().amax().item();
    expect(err).toBeLessThan(1e-5);
    expect(u.wte.weight.grad!.abs().amax().item()).toBeGreaterThan(0);
  });
});

describe('stateDict order and shared modules', () => {
  class WithBuffer extends Module {
    fc = new Linear(2, 2);
    w = new Parameter(tensor([1, 2]));
    constructor() {
      super();
      this.registerBuffer('running', tensor([0, 0]));
    }
    forward(x: Tensor): Tensor {
      return x;
    }
  }

  it("keeps PyTorch's order: a module's parameters, then its buffers, then its children", () => {
    class Outer extends Module {
      inner = new WithBuffer();
      head = new Linear(2, 1);
      forward(x: Tensor): Tensor {
        return x;
      }
    }
    // PyTorch: inner.w, inner.running, inner.fc.weight, inner.fc.bias, head.weight, head.bias.
    expect(Object.keys(new Outer().stateDict())).toEqual([
      'inner.w',
      'inner.running',
      'inner.fc.weight',
      'inner.fc.bias',
      'head.weight',
      'head.bias',
    ]);
  });

  it('lists a module registered twice under both names, and loads either', () => {
    class Twice extends Module {
      a = new Linear(2, 2);
      b = this.a;
      forward(x: Tensor): Tensor {
        return x;
      }
    }
    const m = new Twice();
    expect(m.namedParameters().map(([n]) => n)).toEqual(['a.weight', 'a.bias']);
    expect(Object.keys(m.stateDict())).toEqual(['a.weight', 'a.bias', 'b.weight', 'b.bias']);
    const fresh = new Twice();
    fresh.loadStateDict(m.stateDict());
    expect(fresh.b.weight.toArray()).toEqual(m.a.weight.toArray());
    noGrad(() => m.a.bias!.fill_(3));
    expect(m.stateDict()['b.bias'].toArray()).toEqual([3, 3]);
  });
});
