import { noGrad } from '@torchlet/autograd';
import { tensor, type Tensor } from '@torchlet/tensor';
import { describe, expect, it } from 'vitest';
import { addDecayedWeights, chain, scaleByAdam, scaleByLearningRate } from './index';
import { adamChain, type AdamChain } from './optimizers/adam-chain';
import { adamFusedStep } from './optimizers/adam-fused-step';
import type { ChainState } from './transforms/chain';
import type { Params } from './types';

const hyper = { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.1 };
const group = {
  names: ['w', 'b'],
  params: [],
  lr: hyper.lr,
  weightDecay: hyper.weightDecay,
  betas: [hyper.beta1, hyper.beta2] as const,
  eps: hyper.eps,
  amsgrad: false,
};

const makeParams = (): Record<string, Tensor> => ({
  w: tensor([
    [1, -2],
    [3, 0.5],
  ]),
  b: tensor([0.25, -4]),
});
const gradsAt = (step: number): Params => ({
  w: tensor([
    [0.5, -1 * step],
    [2, 0.1],
  ]),
  b: tensor([-0.3, 0.7 * step]),
});

/** Three steps of `parts.tx` through its transform path (what AMSGrad and other chains take). */
function transformPath(parts: AdamChain): { params: Record<string, Tensor>; state: ChainState } {
  const params = makeParams();
  let state = parts.tx.init(params);
  for (let step = 1; step <= 3; step++) {
    const next = parts.tx.update(gradsAt(step), state, params);
    for (const [n, u] of Object.entries(next.updates)) params[n] = params[n].add(u);
    state = next.state;
  }
  return { params, state };
}

/** Three steps of the fused path; `undefined` where it declines the chain. */
function fusedPath(parts: AdamChain): { params: Params; state: ChainState } | undefined {
  const params = makeParams();
  let state: ChainState | undefined = parts.tx.init(params);
  for (let step = 1; step <= 3 && state !== undefined; step++) {
    const s: ChainState = state;
    state = noGrad(() => adamFusedStep(parts, s, params, gradsAt(step)));
  }
  return state === undefined ? undefined : { params, state };
}

function expectClose(a: Params, b: Params): void {
  for (const n of Object.keys(b)) {
    const [x, y] = [a[n].dataSync(), b[n].dataSync()];
    for (let i = 0; i < y.length; i++)
      expect(Math.abs(Number(x[i]) - Number(y[i]))).toBeLessThan(1e-6);
  }
}

type Members = ReturnType<typeof members3>;

/** An Adam-family chain of the members `order` picks, with the handles `adamChain` gives. */
function partsOf(order: (m: Members) => AdamChain['tx']['transforms']): AdamChain {
  const m = members3();
  return { ...m, tx: chain(...order(m)), hyper, amsgrad: false };
}

function members3() {
  return {
    adam: scaleByAdam({ b1: hyper.beta1, b2: hyper.beta2, eps: hyper.eps }),
    decay: addDecayedWeights(hyper.weightDecay),
    rate: scaleByLearningRate(hyper.lr),
  };
}

describe("Adam's fused step reads and writes the chain's state through its typed accessors", () => {
  for (const decoupled of [true, false]) {
    it(`${decoupled ? 'AdamW' : 'Adam'}: continues the chain state as the transform path does`, () => {
      const fused = fusedPath(adamChain(group, decoupled))!;
      const reference = transformPath(adamChain(group, decoupled));
      expectClose(fused.params, reference.params);
      const parts = adamChain(group, decoupled);
      const [f, r] = [
        parts.tx.stateOf(parts.adam, fused.state),
        parts.tx.stateOf(parts.adam, reference.state),
      ];
      expect(f.count).toEqual({ w: 3, b: 3 });
      expectClose(f.mu, r.mu);
      expectClose(f.nu, r.nu);
      expect(parts.tx.stateOf(parts.rate, fused.state)).toEqual({ count: 3, lr: hyper.lr });
      expect(Object.keys(fused.state)).toEqual(Object.keys(reference.state));
    });
  }

  it('a renamed Adam (so another key in the state) is found by identity', () => {
    const m = members3();
    const adam = { ...m.adam, name: 'adam' };
    const parts: AdamChain = {
      ...m,
      adam,
      tx: chain(adam, m.decay, m.rate),
      hyper,
      amsgrad: false,
    };
    const fused = fusedPath(parts)!;
    expect(Object.keys(fused.state)).toEqual(['adam', 'addDecayedWeights', 'scaleByLearningRate']);
    expect((fused.state.adam as { count: unknown }).count).toEqual({ w: 3, b: 3 });
    expectClose(fused.params, transformPath(parts).params);
  });

  it("a reordered chain (decay before Adam) is fused as Adam's L2 decay, which that order means", () => {
    const parts = partsOf(({ adam, decay, rate }) => [decay, adam, rate]);
    const fused = fusedPath(parts)!;
    expectClose(fused.params, transformPath(parts).params);
    // …and not as AdamW's decoupled decay.
    const adamw = transformPath(partsOf(({ adam, decay, rate }) => [adam, decay, rate])).params;
    expect(
      Math.abs(Number(fused.params.w.dataSync()[0]) - Number(adamw.w.dataSync()[0])),
    ).toBeGreaterThan(1e-6);
  });

  it('a chain the kernel does not compute (a second Adam, the rate not last, AMSGrad) takes the transform path', () => {
    const second = scaleByAdam({ b1: 0.5 });
    const declined = [
      partsOf(({ adam, decay, rate }) => [adam, second, decay, rate]),
      partsOf(({ adam, decay, rate }) => [rate, adam, decay]),
      partsOf(({ adam, rate }) => [adam, rate]),
      { ...adamChain(group, true), amsgrad: true },
    ];
    for (const parts of declined) {
      const params = makeParams();
      const state = parts.tx.init(params);
      expect(noGrad(() => adamFusedStep(parts, state, params, gradsAt(1)))).toBeUndefined();
      // Declined before any write.
      expect(params.w.storage.version).toBe(0);
      expect(params.w.toArray()).toEqual(makeParams().w.toArray());
    }
  });
});
