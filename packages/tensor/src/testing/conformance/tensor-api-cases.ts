import type { Backend } from '../../backend';
import { tensor } from '../../creation/tensor';
import type { DType } from '../../dtype';
import { cat } from '../../ops/join';
import { where } from '../../ops/where';
import type { Tensor } from '../../tensor';
import { caseList } from './case-list';
import type { ConformanceCase } from './conformance-case';
import { conformanceTolerance } from './conformance-tolerance';
import { expectValues } from './expect-values';
import { makeRng, type Rng } from './make-rng';
import { numelOf } from './numel-of';
import { show } from './show';
import { unravel } from './unravel';

/** End-to-end cases through the Tensor API, with tensors placed on backend `be`. */
export function tensorApiCases<B>(be: Backend<B>): ConformanceCase[] {
  const { cases, add } = caseList();

  /** A float32 tensor on `backend` from seeded values, plus those values. */
  const randomTensor = (
    rng: Rng,
    shape: readonly number[],
    lo = -2,
    hi = 2,
  ): { t: Tensor; v: number[] } => {
    const v = Array.from({ length: numelOf(shape) }, () => Math.fround(lo + (hi - lo) * rng()));
    return { t: tensor(v, { backend: be as Backend }).reshape(...shape), v };
  };
  const checkTensor = async (
    label: string,
    t: Tensor,
    want: readonly number[],
    shape: readonly number[],
    dtype: DType,
    slack?: readonly number[],
  ): Promise<void> => {
    if (t.device !== be.name)
      throw new Error(`${label}: result is on device '${t.device}', expected '${be.name}'`);
    if (t.dtype !== dtype)
      throw new Error(`${label}: result has dtype ${t.dtype}, expected ${dtype}`);
    if (show(t.shape) !== show(shape))
      throw new Error(`${label}: result has shape ${show(t.shape)}, expected ${show(shape)}`);
    expectValues(label, await t.data(), want, dtype, shape, slack);
  };
  const u32 = conformanceTolerance.float32.unitRoundoff;

  add('tensor API: a.T.matmul(b).sum(0)', async () => {
    const rng = makeRng(2001);
    const a = randomTensor(rng, [4, 3]);
    const b = randomTensor(rng, [4, 5]);
    const want: number[] = [];
    const slack: number[] = [];
    for (let j = 0; j < 5; j++) {
      let s = 0;
      let magnitude = 0;
      for (let i = 0; i < 3; i++) {
        for (let p = 0; p < 4; p++) {
          const term = a.v[p * 3 + i] * b.v[p * 5 + j];
          s += term;
          magnitude += Math.abs(term);
        }
      }
      want.push(s);
      slack.push(12 * u32 * magnitude);
    }
    await checkTensor(
      'a.T.matmul(b).sum(0)',
      a.t.T.matmul(b.t).sum(0),
      want,
      [5],
      'float32',
      slack,
    );
  });

  add('tensor API: broadcasting add, then ops on a transposed result', async () => {
    const rng = makeRng(2002);
    const col = randomTensor(rng, [3, 1]);
    const row = randomTensor(rng, [4]);
    const w = randomTensor(rng, [4, 3]);
    const sum = col.t.add(row.t);
    const want = Array.from({ length: 12 }, (_, o) => col.v[Math.floor(o / 4)] + row.v[o % 4]);
    await checkTensor('col [3,1] + row [4]', sum, want, [3, 4], 'float32');
    const prod = sum.T.mul(w.t).sub(1);
    const wantProd = Array.from({ length: 12 }, (_, o) => {
      const [i, j] = [Math.floor(o / 3), o % 3];
      return (col.v[j] + row.v[i]) * w.v[o] - 1;
    });
    await checkTensor('(col + row).T * w - 1', prod, wantProd, [4, 3], 'float32');
  });

  add(
    'tensor API: softmax composed from amax, sub, exp, sum and div on a transposed input',
    async () => {
      const rng = makeRng(2005);
      const x = randomTensor(rng, [5, 3], -4, 4);
      const xt = x.t.T; // [3, 5], non-contiguous
      const e = xt.sub(xt.amax(1, true)).exp();
      const soft = e.div(e.sum(1, true));
      const want: number[] = [];
      for (let i = 0; i < 3; i++) {
        const row = Array.from({ length: 5 }, (_, j) => x.v[j * 3 + i]);
        const top = Math.max(...row);
        const ex = row.map((v) => Math.exp(v - top));
        const total = ex.reduce((s, v) => s + v, 0);
        for (const v of ex) want.push(v / total);
      }
      await checkTensor('softmax(x.T, dim 1)', soft, want, [3, 5], 'float32');
      await checkTensor('softmax rows sum to 1', soft.sum(1), [1, 1, 1], [3], 'float32', [
        5 * u32,
        5 * u32,
        5 * u32,
      ]);
    },
  );

  add(
    'tensor API: slice, select, narrow and permute views feed kernels the right elements',
    async () => {
      const rng = makeRng(2006);
      const x = randomTensor(rng, [4, 6]);
      const sliced = x.t.slice(1, 1, 6, 2).mul(2).add(1); // columns 1, 3, 5
      const want = Array.from(
        { length: 12 },
        (_, o) => x.v[Math.floor(o / 3) * 6 + 1 + 2 * (o % 3)] * 2 + 1,
      );
      await checkTensor('x.slice(1, 1, 6, 2) * 2 + 1', sliced, want, [4, 3], 'float32');
      await checkTensor(
        'x.select(0, 2).neg()',
        x.t.select(0, 2).neg(),
        x.v.slice(12, 18).map((v) => -v),
        [6],
        'float32',
      );
      const narrowed = x.t.narrow(0, 1, 2).narrow(1, 2, 3).abs();
      const wantNarrow = [8, 9, 10, 14, 15, 16].map((i) => Math.abs(x.v[i]));
      await checkTensor(
        'x.narrow(0, 1, 2).narrow(1, 2, 3).abs()',
        narrowed,
        wantNarrow,
        [2, 3],
        'float32',
      );
      const y = randomTensor(rng, [2, 3, 4]);
      const permuted = y.t.permute(2, 0, 1).contiguous();
      const wantPerm = Array.from({ length: 24 }, (_, o) => {
        const [k, i, j] = unravel(o, [4, 2, 3]);
        return y.v[(i * 3 + j) * 4 + k];
      });
      await checkTensor(
        'y.permute(2, 0, 1).contiguous()',
        permuted,
        wantPerm,
        [4, 2, 3],
        'float32',
      );
      const expanded = y.t.select(2, 1).unsqueeze(0).expand(2, 2, 3).add(0);
      const wantExp = Array.from({ length: 12 }, (_, o) => {
        const [, i, j] = unravel(o, [2, 2, 3]);
        return y.v[(i * 3 + j) * 4 + 1];
      });
      await checkTensor(
        'y.select(2, 1).unsqueeze(0).expand(2, 2, 3)',
        expanded,
        wantExp,
        [2, 2, 3],
        'float32',
      );
    },
  );

  add('tensor API: cat, where, comparisons and casts of views', async () => {
    const rng = makeRng(2003);
    const a = randomTensor(rng, [3, 2]);
    const b = randomTensor(rng, [4, 3]);
    const joined = cat([a.t.T, b.t.slice(0, 1, 4, 2)], 0); // [2,3] and rows 1, 3 of b
    const want = [
      ...Array.from({ length: 6 }, (_, o) => a.v[(o % 3) * 2 + Math.floor(o / 3)]),
      ...b.v.slice(3, 6),
      ...b.v.slice(9, 12),
    ];
    await checkTensor('cat([a.T, b[1::2]], 0)', joined, want, [4, 3], 'float32');
    const bt = b.t.T;
    const wantAbs = Array.from({ length: 12 }, (_, o) =>
      Math.abs(b.v[(o % 4) * 3 + Math.floor(o / 4)]),
    );
    await checkTensor(
      'where(b.T > 0, b.T, -b.T)',
      where(bt.gt(0), bt, bt.neg()),
      wantAbs,
      [3, 4],
      'float32',
    );
    const wantGt = Array.from(
      { length: 12 },
      (_, o) => +(b.v[(o % 4) * 3 + Math.floor(o / 4)] > 0),
    );
    await checkTensor('b.T > 0', bt.gt(0), wantGt, [3, 4], 'bool');
    const scaled = bt.mul(3).to('int32');
    const wantInt = Array.from({ length: 12 }, (_, o) =>
      Math.trunc(Math.fround(b.v[(o % 4) * 3 + Math.floor(o / 4)] * 3)),
    );
    await checkTensor('(b.T * 3).to(int32)', scaled, wantInt, [3, 4], 'int32');
  });

  add('tensor API: max(dim), gather, mean and var', async () => {
    const rng = makeRng(2004);
    const x = randomTensor(rng, [4, 5]);
    const xt = x.t.T; // [5, 4]
    const col = (j: number) => Array.from({ length: 5 }, (_, i) => x.v[j * 5 + i]);
    const { values, indices } = xt.max(0);
    const wantMax = [0, 1, 2, 3].map((j) => Math.max(...col(j)));
    await checkTensor('x.T.max(0).values', values, wantMax, [4], 'float32');
    await checkTensor(
      'x.T.max(0).indices',
      indices,
      wantMax.map((m, j) => col(j).indexOf(m)),
      [4],
      'int32',
    );
    const index = tensor(
      [
        [4, 0, 2, 2],
        [1, 1, 3, 0],
      ],
      { dtype: 'int32', backend: be as Backend },
    );
    const gathered = xt.gather(0, index);
    const wantGather = [4, 0, 2, 2, 1, 1, 3, 0].map((k, o) => x.v[(o % 4) * 5 + k]);
    await checkTensor('x.T.gather(0, index)', gathered, wantGather, [2, 4], 'float32');
    const cols = [0, 1, 2, 3].map(col);
    const absSum = (xs: readonly number[]) => xs.reduce((s, v) => s + Math.abs(v), 0);
    const means = cols.map((c) => c.reduce((s, v) => s + v, 0) / 5);
    // A sum of 5 terms plus the scaling by 1/5.
    await checkTensor(
      'x.T.mean(0)',
      xt.mean(0),
      means,
      [4],
      'float32',
      cols.map((c) => (6 * u32 * absSum(c)) / 5),
    );
    const vars = cols.map((c, j) => c.reduce((s, v) => s + (v - means[j]) ** 2, 0) / 4);
    // Centering, squaring, a sum of 5 and a scaling: a few roundings of each (|v| + |mean|)^2.
    const varSlack = cols.map(
      (c, j) => (20 * u32 * c.reduce((s, v) => s + (Math.abs(v) + Math.abs(means[j])) ** 2, 0)) / 4,
    );
    await checkTensor('x.T.var(0)', xt.var(0), vars, [4], 'float32', varSlack);
  });

  return cases;
}
