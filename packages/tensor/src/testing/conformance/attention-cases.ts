import type { Backend, View } from '../../backend';
import type { DType } from '../../dtype';
import { caseList } from './case-list';
import { check } from './check';
import type { ConformanceCase } from './conformance-case';
import { conformanceTolerance } from './conformance-tolerance';
import { makeRng } from './make-rng';
import { operand } from './operand';
import { referenceAttention, type AttentionProblem } from './reference-attention';
import { toDType } from './to-dtype';
import { uniform } from './uniform';

/** One attention setup: sizes, and how the mask and dropout are made. */
interface Setup {
  name: string;
  batchDims: number[];
  L: number;
  S: number;
  E: number;
  Ev: number;
  causal: boolean;
  scale: number;
  mask?: 'bool strided' | 'float broadcast';
  dropout?: boolean;
}

const setups: Setup[] = [
  { name: 'no mask', batchDims: [2, 3], L: 4, S: 5, E: 3, Ev: 2, causal: false, scale: 0.7 },
  { name: 'causal, L > S', batchDims: [3], L: 6, S: 4, E: 4, Ev: 3, causal: true, scale: 0.5 },
  { name: 'causal, L < S', batchDims: [2], L: 3, S: 5, E: 2, Ev: 4, causal: true, scale: 1.1 },
  {
    name: 'bool mask read transposed and broadcast over heads, a row with no key',
    batchDims: [2, 3],
    L: 4,
    S: 5,
    E: 3,
    Ev: 3,
    causal: false,
    scale: 0.6,
    mask: 'bool strided',
  },
  {
    name: 'float [L, S] mask with −∞ broadcast over the batch, and dropout',
    batchDims: [2, 2],
    L: 5,
    S: 4,
    E: 3,
    Ev: 2,
    causal: false,
    scale: 0.8,
    mask: 'float broadcast',
    dropout: true,
  },
];

/** Accumulated rounding of sums over `terms` terms, relative to the size of the result. */
function slack(dtype: DType, terms: number, want: readonly number[], scale = 1): number[] {
  const u = conformanceTolerance[dtype === 'float64' ? 'float64' : 'float32'].unitRoundoff;
  return want.map((w) => 8 * terms * u * scale * (1 + Math.abs(w)));
}

/** A contiguous `[shape]` view holding exactly `values` (rounded to `dtype`). */
function exact<B>(be: Backend<B>, dtype: DType, shape: number[], values: readonly number[]) {
  const rounded = values.map((x) => toDType(x, dtype));
  const view: View<B> = {
    buffer: be.upload(rounded, dtype),
    dtype,
    shape,
    strides: shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1)),
    offset: 0,
  };
  return { view, values: rounded };
}

/** The inputs of one setup, uploaded, and the problem the reference solves. */
function build<B>(be: Backend<B>, dtype: DType, s: Setup, seed: number) {
  const rng = makeRng(seed);
  const batch = s.batchDims.reduce((a, b) => a * b, 1);
  const { L, S, E, Ev } = s;
  const q = operand(be, dtype, [batch, L, E], 'offset', uniform(rng, -2, 2));
  const k = operand(be, dtype, [batch, S, E], 'offset', uniform(rng, -2, 2));
  const v = operand(be, dtype, [batch, S, Ev], 'contiguous', uniform(rng, -1, 1));
  const grad = operand(be, dtype, [batch, L, Ev], 'offset', uniform(rng, -1, 1));
  let mask: View<B> | null = null;
  let maskAt: AttentionProblem['mask'] = null;
  const [B0, H] = s.batchDims;
  if (s.mask === 'bool strided') {
    // Stored as [B0, S, L] from offset 2, read as [B0, H, L, S]: strides [L·S, 0, 1, L].
    const store = Array.from({ length: 2 + B0 * S * L }, () => (rng() < 0.7 ? 1 : 0));
    const at = (b0: number, i: number, j: number) => 2 + b0 * L * S + j * L + i;
    for (let j = 0; j < S; j++) store[at(1, 2, j)] = 0; // (b0 = 1, i = 2) keeps no key
    mask = {
      buffer: be.upload(store, 'bool'),
      dtype: 'bool',
      shape: [B0, H, L, S],
      strides: [L * S, 0, 1, L],
      offset: 2,
    };
    maskAt = (b, i, j) => (store[at(Math.floor(b / H), i, j)] === 1 ? 0 : -Infinity);
  } else if (s.mask === 'float broadcast') {
    const gen = () => (rng() < 0.25 ? -Infinity : 2 * rng() - 1);
    const m = operand(be, dtype, [B0, H, L, S], 'offset', gen, [0, 1]);
    mask = m.view;
    maskAt = (_, i, j) => m.values[i * S + j];
  }
  const p = 0.3;
  const drops = s.dropout
    ? exact(
        be,
        dtype,
        [batch, L, S],
        Array.from({ length: batch * L * S }, () => (rng() < p ? 0 : 1 / (1 - p))),
      )
    : null;
  const problem: AttentionProblem = {
    batch,
    L,
    S,
    E,
    Ev,
    q: q.values,
    k: k.values,
    v: v.values,
    mask: maskAt,
    dropout: drops === null ? null : drops.values,
    causal: s.causal,
    scale: s.scale,
    grad: grad.values,
  };
  return { q, k, v, grad, mask, dropout: drops === null ? null : drops.view, problem, batch };
}

/**
 * Conformance cases for the fused `attention` and `attentionBackward` kernels, against
 * {@link referenceAttention} in float64: batch dims, causal with `L > S` and `L < S`, a bool
 * mask read through strides (transposed, 0 over the heads) with a row that keeps no key, an
 * additive mask with −∞ broadcast over the batch, and dropout multipliers.
 */
export function attentionCases<B>(be: Backend<B>): ConformanceCase[] {
  const { cases, add } = caseList();
  const attention = be.fused?.attention;
  const attentionBackward = be.fused?.attentionBackward;
  for (const dtype of ['float32', 'float64'] as const) {
    setups.forEach((s, n) => {
      if (attention !== undefined) {
        add(`fused attention: ${s.name}, ${dtype}`, async () => {
          const { q, k, v, mask, dropout, problem, batch } = build(be, dtype, s, 900 + n);
          const want = referenceAttention(problem);
          const options = { causal: s.causal, scale: s.scale };
          const r = attention(q.view, k.view, v.view, mask, dropout, options, dtype);
          const label = `attention ${s.name} ${dtype}`;
          const terms = s.S * (s.E + 1);
          await check(
            be,
            `${label} output`,
            r.output,
            dtype,
            want.output,
            [batch, s.L, s.Ev],
            slack(dtype, terms, want.output, 4),
          );
          await check(
            be,
            `${label} logSumExp`,
            r.logSumExp,
            dtype,
            want.logSumExp,
            [batch, s.L],
            slack(dtype, terms, want.logSumExp, 4),
          );
        });
      }
      if (attentionBackward !== undefined) {
        add(`fused attentionBackward: ${s.name}, ${dtype}`, async () => {
          const { q, k, v, grad, mask, dropout, problem, batch } = build(be, dtype, s, 950 + n);
          const want = referenceAttention(problem);
          // The forward's results as the backward receives them: rounded to the dtype.
          const out = exact(be, dtype, [batch, s.L, s.Ev], want.output);
          const lse = exact(be, dtype, [batch, s.L], want.logSumExp);
          const options = { causal: s.causal, scale: s.scale };
          const r = attentionBackward(
            grad.view,
            q.view,
            k.view,
            v.view,
            out.view,
            lse.view,
            mask,
            dropout,
            options,
            dtype,
          );
          const label = `attentionBackward ${s.name} ${dtype}`;
          const terms = s.L * s.S * (s.E + s.Ev);
          // A float32 log-sum-exp is off by up to |lse|·u, which scales every probability.
          const big = 16 * Math.max(1, ...want.logSumExp.filter(Number.isFinite).map(Math.abs));
          await check(
            be,
            `${label} q`,
            r.gradQ,
            dtype,
            want.gradQ,
            [batch, s.L, s.E],
            slack(dtype, terms, want.gradQ, big),
          );
          await check(
            be,
            `${label} k`,
            r.gradK,
            dtype,
            want.gradK,
            [batch, s.S, s.E],
            slack(dtype, terms, want.gradK, big),
          );
          await check(
            be,
            `${label} v`,
            r.gradV,
            dtype,
            want.gradV,
            [batch, s.S, s.Ev],
            slack(dtype, terms, want.gradV, big),
          );
        });
      }
    });
  }
  return cases;
}
