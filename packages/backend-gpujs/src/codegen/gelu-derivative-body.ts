import type { GeluApproximate } from '@torchlet/tensor';
import { geluInner, sqrtTwoOverPi, tanhCubic } from './gelu-body';
import type { KernelBody } from './kernel-body';

/** 1/√(2π), the normal density's scale. */
const invSqrtTwoPi = 0.3989422804014327;

/**
 * `gelu'(x)` of variable `x`, the derivative PyTorch's GeluBackward uses: `Φ(x) + x·φ(x)`
 * exactly, or for the tanh approximation `0.5·(1 + t) + 0.5·x·(1 − t²)·√(2/π)·(1 + 3·0.044715·x²)`
 * with `t` the approximation's tanh. Where `t` is ±1 and `x` finite the second term is 0, not
 * the NaN of `0·∞` when `x²` overflows float32 (as the CPU kernel, in doubles, gives); at `x = ±∞`
 * it stays NaN as there. `|x| <= 3.4028235e38` tests finiteness: the bound rounds to the largest
 * float32, and gpu.js has no `Infinity` literal. Temporaries are named with `prefix`.
 *
 * @example
 * ```ts
 * const d = geluDerivativeBody('v1', 'none', 't');
 * const expr = `v0 * ${d.expr}`; // grad · gelu'(x)
 * ```
 */
export function geluDerivativeBody(
  x: string,
  approximate: GeluApproximate,
  prefix: string,
): KernelBody {
  const inner = geluInner(x, approximate, prefix);
  const t = `${prefix}t`;
  const lines = [...inner.lines, `const ${t} = ${inner.expr};`];
  if (approximate === 'tanh') {
    const sech2 = `${prefix}s`;
    const slope = `${sqrtTwoOverPi} * (1 + ${3 * tanhCubic} * ${x} * ${x})`;
    lines.push(`const ${sech2} = 1 - ${t} * ${t};`);
    return {
      lines,
      expr: `(0.5 * (1 + ${t}) + (${sech2} === 0 && Math.abs(${x}) <= 3.4028235e38 ? 0 : 0.5 * ${x} * ${sech2} * ${slope}))`,
    };
  }
  const pdf = `${invSqrtTwoPi} * Math.exp(-0.5 * ${x} * ${x})`;
  return { lines, expr: `(0.5 * (1 + ${t}) + ${x} * ${pdf})` };
}
