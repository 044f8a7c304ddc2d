import type { UnaryOp } from '../backend';
import { erf } from './erf';

/** The scalar function of each unary op; the switch is exhaustive over {@link UnaryOp}. */
export function unaryFunction(op: UnaryOp): (x: number) => number {
  switch (op) {
    case 'neg':
      return (x) => -x;
    case 'abs':
      return Math.abs;
    case 'sign':
      return (x) => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : NaN);
    case 'exp':
      return Math.exp;
    case 'log':
      return Math.log;
    case 'sqrt':
      return Math.sqrt;
    case 'rsqrt':
      return (x) => 1 / Math.sqrt(x);
    case 'erf':
      return erf;
    case 'tanh':
      return Math.tanh;
    case 'sigmoid':
      return (x) => 1 / (1 + Math.exp(-x));
    case 'relu':
      return (x) => (x > 0 ? x : x === x ? 0 : NaN);
    case 'sin':
      return Math.sin;
    case 'cos':
      return Math.cos;
    case 'logicalNot':
      return (x) => (x === 0 ? 1 : 0);
  }
}
