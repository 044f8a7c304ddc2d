import type { BinaryOp } from '../../backend';
import { integers } from './integers';
import type { Rng } from './make-rng';
import { referencePow } from './reference-pow';
import { uniform } from './uniform';

/** Input generators, reference and edge inputs of one binary op. */
export interface BinarySpec {
  readonly a: (rng: Rng) => () => number;
  readonly b: (rng: Rng) => () => number;
  readonly ref: (a: number, b: number) => number;
  readonly specials: readonly (readonly [number, number])[];
}

const nanPairs: readonly (readonly [number, number])[] = [
  [NaN, 1],
  [1, NaN],
  [NaN, NaN],
];
// Small integers give the comparisons plenty of ties.
const ties = (rng: Rng) => integers(rng, -2, 2);
const signedAwayFromZero = (rng: Rng) => () => (rng() < 0.5 ? -1 : 1) * (0.5 + 3.5 * rng());

/** Input generators, reference and edge inputs of every binary op. */
export const binarySpecs: Record<BinaryOp, BinarySpec> = {
  add: {
    a: (r) => uniform(r, -4, 4),
    b: (r) => uniform(r, -4, 4),
    ref: (a, b) => a + b,
    specials: [[Infinity, -Infinity], [1e30, 1e30], ...nanPairs],
  },
  sub: {
    a: (r) => uniform(r, -4, 4),
    b: (r) => uniform(r, -4, 4),
    ref: (a, b) => a - b,
    specials: [[Infinity, Infinity], [3, 5], ...nanPairs],
  },
  mul: {
    a: (r) => uniform(r, -4, 4),
    b: (r) => uniform(r, -4, 4),
    ref: (a, b) => a * b,
    specials: [[0, Infinity], [-2, Infinity], ...nanPairs],
  },
  div: {
    a: (r) => uniform(r, -4, 4),
    b: signedAwayFromZero,
    ref: (a, b) => a / b,
    specials: [[1, 0], [-1, 0], [0, 0], [7, 2], ...nanPairs],
  },
  pow: {
    a: (r) => uniform(r, 0.1, 3),
    b: (r) => uniform(r, -2.5, 2.5),
    ref: referencePow,
    specials: [
      [-2, 3],
      [-2, 2],
      [-8, 1 / 3],
      [0, 0],
      [0, -1],
      [2, -1],
      [NaN, 0],
      [1, NaN],
      [-1, Infinity],
      [2, NaN],
    ],
  },
  maximum: { a: ties, b: ties, ref: Math.max, specials: [[-Infinity, -3], ...nanPairs] },
  minimum: { a: ties, b: ties, ref: Math.min, specials: [[Infinity, 3], ...nanPairs] },
  eq: {
    a: ties,
    b: ties,
    ref: (a, b) => +(a === b),
    specials: [[Infinity, Infinity], [0, -0], ...nanPairs],
  },
  ne: {
    a: ties,
    b: ties,
    ref: (a, b) => +(a !== b),
    specials: [[Infinity, Infinity], [0, -0], ...nanPairs],
  },
  lt: {
    a: ties,
    b: ties,
    ref: (a, b) => +(a < b),
    specials: [[-Infinity, 0], [0, -0], ...nanPairs],
  },
  le: {
    a: ties,
    b: ties,
    ref: (a, b) => +(a <= b),
    specials: [[-Infinity, 0], [0, -0], ...nanPairs],
  },
  gt: {
    a: ties,
    b: ties,
    ref: (a, b) => +(a > b),
    specials: [[Infinity, 0], [0, -0], ...nanPairs],
  },
  ge: {
    a: ties,
    b: ties,
    ref: (a, b) => +(a >= b),
    specials: [[Infinity, 0], [0, -0], ...nanPairs],
  },
};
