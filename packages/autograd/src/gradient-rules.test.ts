import {
  cat,
  manualSeed,
  rand,
  randn,
  stack,
  tensor,
  where,
  type Primitive,
  type Tensor,
} from '@torchlet/tensor';
import { beforeEach, describe, expect, it } from 'vitest';
import { autogradGrad, enableGrad, gradcheck, gradientRules } from './index';

/** The gradient of `f(x)·w` with `createGraph`: its gradcheck checks second derivatives. */
const gradOf = (f: (x: Tensor) => Tensor) => (x: Tensor, w: Tensor) =>
  enableGrad(() => {
    // gradcheck evaluates the perturbed points without recording: give them a graph here.
    const leaf = x.requiresGrad ? x : x.detach().requiresGrad_();
    return autogradGrad([f(leaf).mul(w).sum()], [leaf], { createGraph: true })[0];
  });

const f64 = (shape: number[]) => randn(shape, { dtype: 'float64', requiresGrad: true });
/** Positive inputs, away from 0, for log/sqrt/rsqrt/pow. */
const pos = (shape: number[]) =>
  rand(shape, { dtype: 'float64' }).add(0.5).detach().requiresGrad_(true);
const idx = (values: number[][]) => tensor(values, { dtype: 'int32' });

/** Every primitive, with a function whose gradient goes through it and inputs to check at. */
const cases: Record<Primitive, Array<[string, (...xs: Tensor[]) => Tensor, () => Tensor[]]>> = {
  neg: [['neg', (x) => x.neg(), () => [f64([2, 3])]]],
  abs: [['abs', (x) => x.abs(), () => [pos([2, 3]).mul(-1).detach().requiresGrad_(true)]]],
  exp: [['exp', (x) => x.exp(), () => [f64([2, 3])]]],
  log: [['log', (x) => x.log(), () => [pos([2, 3])]]],
  sqrt: [['sqrt', (x) => x.sqrt(), () => [pos([2, 3])]]],
  rsqrt: [['rsqrt', (x) => x.rsqrt(), () => [pos([2, 3])]]],
  erf: [['erf', (x) => x.erf(), () => [f64([2, 3])]]],
  tanh: [['tanh', (x) => x.tanh(), () => [f64([2, 3])]]],
  sigmoid: [['sigmoid', (x) => x.sigmoid(), () => [f64([2, 3])]]],
  relu: [['relu', (x) => x.relu(), () => [f64([2, 3])]]],
  sin: [['sin', (x) => x.sin(), () => [f64([2, 3])]]],
  cos: [['cos', (x) => x.cos(), () => [f64([2, 3])]]],
  add: [
    ['add', (a, b) => a.add(b), () => [f64([2, 3]), f64([2, 3])]],
    ['add broadcast [3,1,4] + [2,1]', (a, b) => a.add(b), () => [f64([3, 1, 4]), f64([2, 1])]],
    ['add scalar', (a) => a.add(2.5), () => [f64([2])]],
  ],
  sub: [['sub broadcast', (a, b) => a.sub(b), () => [f64([4]), f64([3, 1])]]],
  mul: [['mul broadcast', (a, b) => a.mul(b), () => [f64([2, 1, 3]), f64([4, 1])]]],
  div: [['div broadcast', (a, b) => a.div(b), () => [f64([2, 3]), pos([3])]]],
  pow: [
    ['pow tensor exponent', (a, b) => a.pow(b), () => [pos([2, 3]), f64([2, 3])]],
    ['pow scalar exponent', (a) => a.pow(3), () => [f64([2, 3])]],
  ],
  maximum: [['maximum', (a, b) => a.maximum(b), () => [f64([2, 3]), f64([3])]]],
  minimum: [['minimum', (a, b) => a.minimum(b), () => [f64([2, 3]), f64([2, 1])]]],
  sum: [
    ['sum all', (x) => x.sum(), () => [f64([2, 3])]],
    ['sum dim 1 keepdim', (x) => x.sum(1, true), () => [f64([2, 3, 4])]],
    ['sum dims [0,2]', (x) => x.sum([0, 2]), () => [f64([2, 3, 4])]],
    ['mean last', (x) => x.mean(-1), () => [f64([3, 4])]],
    ['var/std', (x) => x.var(1).add(x.std(0).sum()), () => [f64([3, 4])]],
    ['logsumexp', (x) => x.logsumexp(1), () => [f64([3, 4])]],
    ['norm', (x) => x.norm().add(x.norm(1, 0).sum()), () => [f64([3, 4])]],
  ],
  amax: [
    ['amax dim', (x) => x.amax(1), () => [f64([3, 4])]],
    ['max values', (x) => x.max(0).values, () => [f64([3, 4])]],
  ],
  amin: [['amin all', (x) => x.amin(), () => [f64([3, 4])]]],
  matmul: [
    ['matmul 2-D', (a, b) => a.matmul(b), () => [f64([3, 4]), f64([4, 2])]],
    ['matmul batched broadcast', (a, b) => a.matmul(b), () => [f64([2, 1, 3, 4]), f64([3, 4, 2])]],
    ['matmul 1-D · 2-D', (a, b) => a.matmul(b), () => [f64([4]), f64([4, 2])]],
    ['matmul dot', (a, b) => a.matmul(b), () => [f64([4]), f64([4])]],
    ['matmul transposed view', (a) => a.matmul(a.mT), () => [f64([2, 3, 4])]],
  ],
  reshape: [
    [
      'reshape + flatten + squeeze',
      (x) => x.reshape([3, 2]).flatten().unsqueeze(0).squeeze(),
      () => [f64([2, 3])],
    ],
  ],
  permute: [
    [
      'permute',
      (x) => x.permute([2, 0, 1]).mul(tensor([1, 2, 3], { dtype: 'float64' }).reshape([3, 1, 1])),
      () => [f64([2, 3, 3])],
    ],
  ],
  expand: [['expand', (x) => x.expand([4, 2, 3]), () => [f64([2, 1])]]],
  slice: [
    ['narrow', (x) => x.narrow(1, 1, 2), () => [f64([2, 4])]],
    ['slice with step', (x) => x.slice(0, 1, undefined, 2), () => [f64([5, 2])]],
    ['select', (x) => x.select(1, -1), () => [f64([2, 3])]],
  ],
  copy: [
    ['contiguous of transpose', (x) => x.T.contiguous(), () => [f64([2, 3])]],
    [
      'float64 → float64 round trip through float32 is not checked; double()',
      (x) => x.double().mul(2),
      () => [f64([2])],
    ],
  ],
  where: [['where', (a, b) => where(a.gt(0), a, b), () => [f64([2, 3]), f64([3])]]],
  gather: [
    [
      'gather dim 1',
      (x) =>
        x.gather(
          1,
          idx([
            [0, 2],
            [1, 1],
          ]),
        ),
      () => [f64([2, 3])],
    ],
    [
      'indexSelect',
      (x) => x.indexSelect(0, tensor([2, 0, 2], { dtype: 'int32' })),
      () => [f64([3, 2])],
    ],
  ],
  scatterAdd: [
    [
      'scatterAdd',
      (x, s) =>
        x.scatterAdd(
          1,
          idx([
            [0, 0],
            [2, 1],
          ]),
          s,
        ),
      () => [f64([2, 3]), f64([2, 2])],
    ],
  ],
  cat: [
    ['cat', (a, b) => cat([a, b], 1), () => [f64([2, 3]), f64([2, 1])]],
    ['stack', (a, b) => stack([a, b], -1), () => [f64([2, 3]), f64([2, 3])]],
  ],
};

describe('every primitive has a rule that passes gradcheck (float64, central differences)', () => {
  beforeEach(() => manualSeed(7));

  it('the table covers every rule', () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(gradientRules).sort());
  });

  for (const [primitive, list] of Object.entries(cases)) {
    for (const [label, fn, makeInputs] of list) {
      it(`${primitive}: ${label}`, () => {
        expect(gradcheck(fn, makeInputs())).toBe(true);
      });
    }
  }
});
