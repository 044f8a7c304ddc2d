import { where, type Tensor } from '@torchlet/tensor';
import { defineRule } from './rule';

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/** Rules that need only the input `x`. */
const fromInput = <K extends 'abs' | 'log' | 'erf' | 'sin' | 'cos'>(
  op: K,
  backward: (x: Tensor, g: Tensor) => Tensor,
) =>
  defineRule(op, {
    save: ({ inputs: [x] }) => ({ x }),
    backward: ({ x }, g) => [backward(x, g)],
  });

/** Rules that need only the output. */
const fromOutput = <K extends 'exp' | 'sqrt' | 'rsqrt' | 'tanh' | 'sigmoid' | 'relu'>(
  op: K,
  backward: (out: Tensor, g: Tensor) => Tensor,
) =>
  defineRule(op, {
    save: ({ output }) => ({ output }),
    backward: ({ output }, g) => [backward(output, g)],
  });

/** Nothing saved: the gradients are the incoming one, maybe negated. */
const nothing = () => ({});

/** Gradient rules of the unary and binary elementwise primitives. */
export const elementwiseRules = {
  neg: defineRule('neg', { save: nothing, backward: (_s, g) => [g.neg()] }),
  abs: fromInput('abs', (x, g) => g.mul(x.sign())),
  exp: fromOutput('exp', (out, g) => g.mul(out)),
  log: fromInput('log', (x, g) => g.div(x)),
  sqrt: fromOutput('sqrt', (out, g) => g.div(out.mul(2))),
  // d/dx x^(-1/2) = -1/2 x^(-3/2) = -1/2 * out^3
  rsqrt: fromOutput('rsqrt', (out, g) => g.mul(out.mul(out).mul(out).mul(-0.5))),
  erf: fromInput('erf', (x, g) => g.mul(x.mul(x).neg().exp().mul(TWO_OVER_SQRT_PI))),
  tanh: fromOutput('tanh', (out, g) => g.mul(out.mul(out).neg().add(1))),
  sigmoid: fromOutput('sigmoid', (out, g) => g.mul(out.mul(out.neg().add(1)))),
  relu: fromOutput('relu', (out, g) => g.mul(out.gt(0))),
  sin: fromInput('sin', (x, g) => g.mul(x.cos())),
  cos: fromInput('cos', (x, g) => g.mul(x.sin().neg())),

  add: defineRule('add', {
    save: nothing,
    backward: (_s, g, needs) => [needs[0] ? g : null, needs[1] ? g : null],
  }),
  sub: defineRule('sub', {
    save: nothing,
    backward: (_s, g, needs) => [needs[0] ? g : null, needs[1] ? g.neg() : null],
  }),
  // Each input's gradient needs the other input only.
  mul: defineRule('mul', {
    save: ({ inputs: [a, b] }, needs) => ({ a: needs[1] ? a : null, b: needs[0] ? b : null }),
    backward: ({ a, b }, g, needs) => [needs[0] ? g.mul(b!) : null, needs[1] ? g.mul(a!) : null],
  }),
  div: defineRule('div', {
    save: ({ inputs: [, b], output }, needs) => ({ b, output: needs[1] ? output : null }),
    backward: ({ b, output }, g, needs) => [
      needs[0] ? g.div(b) : null,
      needs[1] ? g.mul(output!).div(b).neg() : null,
    ],
  }),
  pow: defineRule('pow', {
    save: ({ inputs: [a, b], output }, needs) => ({ a, b, output: needs[1] ? output : null }),
    backward: ({ a, b, output }, g, needs) => [
      // PyTorch's convention: the base gets 0 where the exponent is 0 (no 0 * inf = NaN) …
      needs[0] ? where(b.eq(0), 0, g.mul(b).mul(a.pow(b.sub(1)))) : null,
      // … and the exponent gets 0 where the base is 0 and the exponent non-negative.
      needs[1] ? where(a.eq(0).mul(b.ge(0)).gt(0), 0, g.mul(output!).mul(a.log())) : null,
    ],
  }),
  // Ties split the gradient evenly, as PyTorch does.
  maximum: defineRule('maximum', {
    save: ({ inputs: [a, b] }) => ({ a, b }),
    backward: ({ a, b }, g, needs) => splitTies(a, b, g, needs, 'gt'),
  }),
  minimum: defineRule('minimum', {
    save: ({ inputs: [a, b] }) => ({ a, b }),
    backward: ({ a, b }, g, needs) => splitTies(a, b, g, needs, 'lt'),
  }),
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
