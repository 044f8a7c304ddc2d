import type { UnaryOp } from '../../backend';
import { referenceErf } from './reference-erf';

/** Inputs and reference of one unary op. */
export interface UnarySpec {
  /** Range of the random inputs. */
  readonly domain: readonly [number, number];
  readonly ref: (x: number) => number;
  /** Edge inputs checked on a contiguous buffer. */
  readonly specials: readonly number[];
}

const nonFinite = [Infinity, -Infinity, NaN];

/** Inputs and reference of every unary op but `logicalNot`. */
export const unarySpecs: Record<Exclude<UnaryOp, 'logicalNot'>, UnarySpec> = {
  neg: { domain: [-3, 3], ref: (x) => -x, specials: [0, -0, ...nonFinite] },
  abs: { domain: [-3, 3], ref: Math.abs, specials: [-0, -2.5, ...nonFinite] },
  // sign(NaN) is left out: PyTorch 1.13 gives 0, NumPy and the CPU backend give NaN.
  sign: { domain: [-3, 3], ref: Math.sign, specials: [0, -0, 1e-30, -1e-30, Infinity, -Infinity] },
  exp: { domain: [-5, 5], ref: Math.exp, specials: [0, 20, -20, ...nonFinite] },
  log: { domain: [0.01, 10], ref: Math.log, specials: [1, 0, -1, 1e-20, ...nonFinite] },
  sqrt: { domain: [0, 10], ref: Math.sqrt, specials: [0, 4, 1e-20, -1, ...nonFinite] },
  rsqrt: { domain: [0.01, 10], ref: (x) => 1 / Math.sqrt(x), specials: [0, 4, -1, ...nonFinite] },
  erf: { domain: [-3, 3], ref: referenceErf, specials: [0, 7, -7, ...nonFinite] },
  tanh: { domain: [-4, 4], ref: Math.tanh, specials: [0, 20, -20, ...nonFinite] },
  // Through tanh for x ≥ 0 (no shared formula with a 1/(1+e^-x) kernel); e^x/(1+e^x) below 0,
  // where 1 + tanh(x/2) would cancel.
  sigmoid: {
    domain: [-8, 8],
    ref: (x) => (x < 0 ? Math.exp(x) / (1 + Math.exp(x)) : (1 + Math.tanh(x / 2)) / 2),
    specials: [0, 30, -30, ...nonFinite],
  },
  relu: { domain: [-3, 3], ref: (x) => Math.max(x, 0), specials: [0, -0, ...nonFinite] },
  sin: { domain: [-6, 6], ref: Math.sin, specials: [0, Math.PI, ...nonFinite] },
  cos: { domain: [-6, 6], ref: Math.cos, specials: [0, Math.PI, ...nonFinite] },
};
