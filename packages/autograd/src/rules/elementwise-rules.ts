import { where, type Tensor } from '@torchlet/tensor';
import type { Rule } from './rule';

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/** Gradient rules of the unary and binary elementwise primitives. */
export const elementwiseRules = {
  neg: (_c, g) => [g.neg()],
  abs: ({ inputs: [x] }, g) => [g.mul(x.sign())],
  exp: ({ output }, g) => [g.mul(output)],
  log: ({ inputs: [x] }, g) => [g.div(x)],
  sqrt: ({ output }, g) => [g.div(output.mul(2))],
  // d/dx x^(-1/2) = -1/2 x^(-3/2) = -1/2 * out^3
  rsqrt: ({ output }, g) => [g.mul(output.mul(output).mul(output).mul(-0.5))],
  erf: ({ inputs: [x] }, g) => [g.mul(x.mul(x).neg().exp().mul(TWO_OVER_SQRT_PI))],
  tanh: ({ output }, g) => [g.mul(output.mul(output).neg().add(1))],
  sigmoid: ({ output }, g) => [g.mul(output.mul(output.neg().add(1)))],
  relu: ({ output }, g) => [g.mul(output.gt(0))],
  sin: ({ inputs: [x] }, g) => [g.mul(x.cos())],
  cos: ({ inputs: [x] }, g) => [g.mul(x.sin().neg())],

  add: (_c, g, needs) => [needs[0] ? g : null, needs[1] ? g : null],
  sub: (_c, g, needs) => [needs[0] ? g : null, needs[1] ? g.neg() : null],
  mul: ({ inputs: [a, b] }, g, needs) => [needs[0] ? g.mul(b) : null, needs[1] ? g.mul(a) : null],
  div: ({ inputs: [a, b], output }, g, needs) => [
    needs[0] ? g.div(b) : null,
    needs[1] ? g.mul(output).div(b).neg() : null,
  ],
  pow: ({ inputs: [a, b], output }, g, needs) => [
    // PyTorch's convention: the base gets 0 where the exponent is 0 (no 0 * inf = NaN) …
    needs[0] ? where(b.eq(0), 0, g.mul(b).mul(a.pow(b.sub(1)))) : null,
    // … and the exponent gets 0 where the base is 0 and the exponent non-negative.
    needs[1] ? where(a.eq(0).mul(b.ge(0)).gt(0), 0, g.mul(output).mul(a.log())) : null,
  ],
  // Ties split the gradient evenly, as PyTorch does.
  maximum: ({ inputs: [a, b] }, g, needs) => splitTies(a, b, g, needs, 'gt'),
  minimum: ({ inputs: [a, b] }, g, needs) => splitTies(a, b, g, needs, 'lt'),
} satisfies {
  [
    K in
      | 'neg'
      | 'abs'
      | 'exp'
      | 'log'
      | 'sqrt'
      | 'rsqrt'
      | 'erf'
      | 'tanh'
      | 'sigmoid'
      | 'relu'
      | 'sin'
      | 'cos'
      | 'add'
      | 'sub'
      | 'mul'
      | 'div'
      | 'pow'
      | 'maximum'
      | 'minimum'
  ]: Rule<K>;
};

function splitTies(
  a: Tensor,
  b: Tensor,
  g: Tensor,
  needs: readonly boolean[],
  wins: 'gt' | 'lt',
): (Tensor | null)[] {
  const tie = a.eq(b).mul(0.5);
  const aWins = (wins === 'gt' ? a.gt(b) : a.lt(b)).add(tie);
  const bWins = (wins === 'gt' ? a.lt(b) : a.gt(b)).add(tie);
  return [needs[0] ? g.mul(aWins) : null, needs[1] ? g.mul(bWins) : null];
}
