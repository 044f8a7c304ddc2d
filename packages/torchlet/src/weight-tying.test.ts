import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parityError } from '@torchlet/tensor/testing';
import {
  AdamW,
  arange,
  crossEntropy,
  Embedding,
  LayerNorm,
  Linear,
  Module,
  MultiheadAttention,
  nn,
  tensor,
  type Tensor,
} from './index';

// The tied model of packages/layers/src/fixtures/gen-mha-fixtures.py, trained by torch.optim.AdamW.
interface FixtureArray {
  shape: number[];
  data: (number | string)[];
}
const { tied } = JSON.parse(
  readFileSync(new URL('../../layers/src/fixtures/mha-fixtures.json', import.meta.url), 'utf8'),
) as {
  tied: {
    state: [string, FixtureArray][];
    idx: FixtureArray;
    targets: FixtureArray;
    adamw: { lr: number; weightDecay: number };
    losses: number[];
    final: [string, FixtureArray][];
  };
};
const load = (a: FixtureArray, dtype: 'float32' | 'int32' = 'float32') =>
  tensor(a.data.map(Number), { dtype }).reshape(a.shape);

class Tiny extends Module {
  wte = new Embedding(11, 6);
  wpe = new Embedding(4, 6);
  ln_f = new LayerNorm(6);
  lm_head = new Linear(6, 11, { bias: false });
  constructor() {
    super();
    this.lm_head.weight = this.wte.weight; // tied, as nanoGPT ties its lm_head
  }
  forward(idx: Tensor): Tensor {
    const pos = arange(idx.shape[1], undefined, 1, { dtype: 'int32' });
    return this.lm_head.forward(
      this.ln_f.forward(this.wte.forward(idx).add(this.wpe.forward(pos))),
    );
  }
}

describe('a tied model trains as in PyTorch', () => {
  for (const from of ['namedParameters', 'parameters'] as const) {
    it(`AdamW over model.${from}() updates the tied weight once per step`, () => {
      const model = new Tiny();
      model.loadStateDict(Object.fromEntries(tied.state.map(([k, a]) => [k, load(a)])));
      const params = from === 'namedParameters' ? model.namedParameters() : model.parameters();
      const opt = new AdamW(params, tied.adamw);
      const idx = load(tied.idx, 'int32');
      const targets = load(tied.targets, 'int32').reshape([-1]);
      const losses: number[] = [];
      for (let step = 0; step < tied.losses.length; step++) {
        opt.zeroGrad();
        const loss = crossEntropy(model.forward(idx).reshape([-1, 11]), targets);
        loss.backward();
        opt.step();
        losses.push(loss.item());
      }
      expect(parityError(losses, tied.losses)).toBeLessThan(1e-5);
      const state = model.stateDict();
      expect(Object.keys(state)).toEqual(tied.final.map(([k]) => k));
      for (const [k, a] of tied.final)
        expect(parityError(state[k].dataSync(), a.data.map(Number)), k).toBeLessThan(1e-5);
      expect(model.lm_head.weight).toBe(model.wte.weight);
    });
  }
});

describe('nn.MultiheadAttention', () => {
  it('is the umbrella export of @torchlet/layers', () => {
    expect(nn.MultiheadAttention).toBe(MultiheadAttention);
    const mha = new nn.MultiheadAttention(4, 2);
    expect(Object.keys(mha.stateDict())).toEqual([
      'in_proj_weight',
      'in_proj_bias',
      'out_proj.weight',
      'out_proj.bias',
    ]);
  });
});
