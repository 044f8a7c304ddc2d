import type { GeluApproximate } from '@torchlet/tensor';
import type { KernelBody } from './kernel-body';
import { unaryExpression } from './unary-expression';

/** √(2/π), the tanh approximation's scale. */
export const sqrtTwoOverPi = 0.7978845608028654;
/** The cubic coefficient of the tanh approximation. */
export const tanhCubic = 0.044715;

/**
 * GELU of variable `x`: `0.5·x·(1 + erf(x/√2))`, or with `approximate === 'tanh'`
 * `0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))`. erf and tanh come from
 * {@link unaryExpression}, so they keep its GLSL fixes (a computed erf, tanh kept away from its
 * overflow). Temporaries are named with `prefix`.
 *
 * @example
 * ```ts
 * const body = geluBody('v0', 'tanh', 't'); // lines computing the inner value, then 0.5·x·(1 + t)
 * ```
 */
export function geluBody(x: string, approximate: GeluApproximate, prefix: string): KernelBody {
  const inner = geluInner(x, approximate, prefix);
  return { lines: inner.lines, expr: `(0.5 * ${x} * (1 + ${inner.expr}))` };
}

/**
 * The inner function of GELU at variable `x`: `erf(x/√2)`, or `tanh(√(2/π)·(x + 0.044715·x³))`
 * for the tanh approximation; GELU is `0.5·x·(1 + inner)`.
 *
 * @example
 * ```ts
 * geluInner('v0', 'none', 't'); // erf of t_u = v0 · 0.7071…
 * ```
 */
export function geluInner(x: string, approximate: GeluApproximate, prefix: string): KernelBody {
  const u = `${prefix}u`;
  const scaled =
    approximate === 'tanh'
      ? `const ${u} = ${sqrtTwoOverPi} * (${x} + ${tanhCubic} * ${x} * ${x} * ${x});`
      : `const ${u} = ${x} * ${Math.SQRT1_2};`;
  const f = unaryExpression(approximate === 'tanh' ? 'tanh' : 'erf', u, `${prefix}f`);
  return { lines: [scaled, ...f.lines], expr: f.expr };
}
