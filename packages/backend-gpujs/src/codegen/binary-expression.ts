import type { BinaryOp } from '@torchlet/tensor';
import type { KernelBody } from './kernel-body';

/**
 * The kernel source of a binary op on variables `a` and `b`, in gpu.js's JavaScript subset and
 * GLSL-safe: NaN is propagated by arithmetic (`a + b`), never by a NaN literal or `a !== a`,
 * and `pow` handles negative bases itself because GLSL's `pow` is undefined there. The switch
 * is exhaustive over {@link BinaryOp}.
 *
 * @example
 * ```ts
 * binaryExpression('add', 'a', 'b', 't'); // { lines: [], expr: '(a + b)' }
 * ```
 */
export function binaryExpression(op: BinaryOp, a: string, b: string, prefix: string): KernelBody {
  const expr = (e: string): KernelBody => ({ lines: [], expr: e });
  switch (op) {
    case 'add':
      return expr(`(${a} + ${b})`);
    case 'sub':
      return expr(`(${a} - ${b})`);
    case 'mul':
      return expr(`(${a} * ${b})`);
    case 'div':
      return expr(`(${a} / ${b})`);
    case 'pow':
      return powBody(a, b, prefix);
    // When neither comparison holds and the values differ, one is NaN: a + b is then NaN.
    case 'maximum':
      return expr(
        `(${a} > ${b} ? ${a} : (${b} > ${a} ? ${b} : (${a} === ${b} ? ${a} : ${a} + ${b})))`,
      );
    case 'minimum':
      return expr(
        `(${a} < ${b} ? ${a} : (${b} < ${a} ? ${b} : (${a} === ${b} ? ${a} : ${a} + ${b})))`,
      );
    case 'eq':
      return expr(`(${a} === ${b} ? 1 : 0)`);
    case 'ne':
      return expr(`(${a} === ${b} ? 0 : 1)`);
    case 'lt':
      return expr(`(${a} < ${b} ? 1 : 0)`);
    case 'le':
      return expr(`(${a} <= ${b} ? 1 : 0)`);
    case 'gt':
      return expr(`(${a} > ${b} ? 1 : 0)`);
    case 'ge':
      return expr(`(${a} >= ${b} ? 1 : 0)`);
  }
}

/**
 * C99/PyTorch pow: `pow(1, y) = pow(x, 0) = 1` (NaN too), `pow(-1, ±∞) = 1`, and a negative base
 * with an integral exponent is `±|a|^b` (odd exponents keep the sign).
 */
function powBody(a: string, b: string, p: string): KernelBody {
  return {
    lines: [
      `const ${p}f = Math.floor(${b});`,
      `const ${p}o = ${b} - 2 * Math.floor(${b} * 0.5);`,
      `const ${p}n = ${a} < 0 && ${b} === ${p}f ? (${p}o === 1 ? -1 : 1) * Math.pow(-${a}, ${b}) : Math.pow(${a}, ${b});`,
    ],
    expr: `(${a} === 1 || ${b} === 0 ? 1 : (${a} === -1 && Math.abs(${b}) === Infinity ? 1 : ${p}n))`,
  };
}
