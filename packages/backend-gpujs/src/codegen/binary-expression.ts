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
 * C99/PyTorch pow: `pow(1, y) = pow(x, 0) = 1` (NaN too), `pow(-1, ±∞) = 1`, a negative base
 * with an integral exponent is `±|a|^b` (odd exponents keep the sign), and `pow(±0, y < 0)` is
 * ∞ (±∞ for odd y), which GLSL's `pow` leaves undefined (Mesa returns 0). ∞ is made as `1 / 0`
 * and tested as `|b| > 3.4028235e38`: gpu.js turns an `Infinity` literal into the largest
 * finite float, and that bound lies above it in doubles while rounding to it in float32.
 */
function powBody(a: string, b: string, p: string): KernelBody {
  return {
    lines: [
      `const ${p}f = Math.floor(${b});`,
      `const ${p}o = ${b} - 2 * Math.floor(${b} * 0.5);`,
      `const ${p}n = ${a} < 0 && ${b} === ${p}f ? (${p}o === 1 ? -1 : 1) * Math.pow(-${a}, ${b}) : Math.pow(${a}, ${b});`,
      `const ${p}z = ${b} === ${p}f && ${p}o === 1 ? 1 / ${a} : 1 / Math.abs(${a});`,
    ],
    expr: `(${a} === 1 || ${b} === 0 ? 1 : (${a} === -1 && Math.abs(${b}) > 3.4028235e38 ? 1 : (${a} === 0 && ${b} < 0 ? ${p}z : ${p}n)))`,
  };
}
