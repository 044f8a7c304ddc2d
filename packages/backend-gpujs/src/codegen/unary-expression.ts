import type { UnaryOp } from '@torchlet/tensor';
import type { KernelBody } from './kernel-body';

/**
 * The kernel source of a unary op applied to variable `x`, in gpu.js's JavaScript subset. The
 * formulas avoid what GLSL lacks or gets wrong: no NaN or Infinity literal (gpu.js writes
 * `Infinity` as the largest finite float), NaN tests that a compiler could fold are backed by a
 * second one, tanh stays away from its overflow, and erf is computed, since no shading
 * language has it. Temporaries
 * are named with `prefix`. The switch is exhaustive over {@link UnaryOp}.
 *
 * @example
 * ```ts
 * unaryExpression('sigmoid', 'x', 't'); // { lines: [], expr: '1 / (1 + Math.exp(-x))' }
 * ```
 */
export function unaryExpression(op: UnaryOp, x: string, prefix: string): KernelBody {
  const expr = (e: string): KernelBody => ({ lines: [], expr: e });
  switch (op) {
    case 'neg':
      return expr(`-${x}`);
    case 'abs':
      return expr(`Math.abs(${x})`);
    case 'sign':
      // Zero and NaN fall through to x itself (±0 stays ±0, NaN stays NaN).
      return expr(`(${x} > 0 ? 1 : (${x} < 0 ? -1 : ${x}))`);
    case 'exp':
      return expr(`Math.exp(${x})`);
    case 'log':
      return expr(`Math.log(${x})`);
    case 'sqrt':
      return expr(`Math.sqrt(${x})`);
    case 'rsqrt':
      return expr(`1 / Math.sqrt(${x})`);
    case 'erf':
      return erfBody(x, prefix);
    case 'tanh':
      // GLSL's tanh is (e^x - e^-x) / (e^x + e^-x): ∞/∞ = NaN from |x| ≈ 89. float32 tanh is ±1
      // beyond |x| = 9, so large inputs skip it (NaN fails the test and still reaches tanh).
      return expr(`(Math.abs(${x}) > 10 ? (${x} > 0 ? 1 : -1) : Math.tanh(${x}))`);
    case 'sigmoid':
      return expr(`1 / (1 + Math.exp(-${x}))`);
    case 'relu':
      // NaN fails every test and is returned as itself. `x === x` is needed too: Mesa folds
      // `x <= 0` to true once `x > 0` has failed, as if NaN did not exist.
      return expr(`(${x} > 0 ? ${x} : (${x} <= 0 && ${x} === ${x} ? 0 : ${x}))`);
    case 'sin':
      return expr(`Math.sin(${x})`);
    case 'cos':
      return expr(`Math.cos(${x})`);
    case 'logicalNot':
      return expr(`(${x} === 0 ? 1 : 0)`);
  }
}

/**
 * erf in float32: its Maclaurin series below |x| = 0.5 (error < 3e-8, no cancellation near 0),
 * and Abramowitz & Stegun 7.1.26 above (absolute error < 1.5e-7, and exactly ±1 at ±∞).
 */
function erfBody(x: string, p: string): KernelBody {
  return {
    lines: [
      `const ${p}a = Math.abs(${x});`,
      `const ${p}s = ${x} * ${x};`,
      `const ${p}m = 1.1283791670955126 * ${x} * (1 + ${p}s * (-0.3333333333333333 + ${p}s * (0.1 + ${p}s * (-0.023809523809523808 + ${p}s * (0.004629629629629629 + ${p}s * -0.0007575757575757576)))));`,
      `const ${p}t = 1 / (1 + 0.3275911 * ${p}a);`,
      `const ${p}y = 1 - ${p}t * (0.254829592 + ${p}t * (-0.284496736 + ${p}t * (1.421413741 + ${p}t * (-1.453152027 + ${p}t * 1.061405429)))) * Math.exp(-${p}a * ${p}a);`,
    ],
    expr: `(${p}a < 0.5 ? ${p}m : (${x} < 0 ? -${p}y : ${p}y))`,
  };
}
