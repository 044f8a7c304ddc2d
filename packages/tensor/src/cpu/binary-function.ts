import type { BinaryOp } from '../backend';

/** The scalar function of each binary op; the switch is exhaustive over {@link BinaryOp}. */
export function binaryFunction(op: BinaryOp): (a: number, b: number) => number {
  switch (op) {
    case 'add':
      return (a, b) => a + b;
    case 'sub':
      return (a, b) => a - b;
    case 'mul':
      return (a, b) => a * b;
    case 'div':
      return (a, b) => a / b;
    case 'pow':
      // C and PyTorch give pow(1, y) = 1 for every y (NaN too) and pow(-1, ±inf) = 1; Math.pow gives NaN.
      return (a, b) => (a === 1 || (a === -1 && Math.abs(b) === Infinity) ? 1 : Math.pow(a, b));
    // NaN propagates through maximum/minimum, as in PyTorch.
    case 'maximum':
      return (a, b) => (a !== a || b !== b ? NaN : a > b ? a : b);
    case 'minimum':
      return (a, b) => (a !== a || b !== b ? NaN : a < b ? a : b);
    case 'eq':
      return (a, b) => (a === b ? 1 : 0);
    case 'ne':
      return (a, b) => (a !== b ? 1 : 0);
    case 'lt':
      return (a, b) => (a < b ? 1 : 0);
    case 'le':
      return (a, b) => (a <= b ? 1 : 0);
    case 'gt':
      return (a, b) => (a > b ? 1 : 0);
    case 'ge':
      return (a, b) => (a >= b ? 1 : 0);
  }
}
