import type { Backend } from '../../backend';
import type { DType } from '../../dtype';
import { atIndex } from './at-index';
import { caseList } from './case-list';
import { check } from './check';
import type { ConformanceCase } from './conformance-case';
import { conformanceTolerance } from './conformance-tolerance';
import { exact } from './exact';
import { integers } from './integers';
import { makeRng } from './make-rng';
import { operand, type Layout } from './operand';
import { ravel } from './ravel';
import { show } from './show';
import { uniform } from './uniform';
import { unravel } from './unravel';

/** Cases for `gather` and `scatterAdd` on backend `be`, with strided inputs and indices. */
export function gatherScatterCases<B>(be: Backend<B>): ConformanceCase[] {
  const { cases, add } = caseList();

  add('gather: along each dim of a strided input with strided int32 indices', async () => {
    const rng = makeRng(700);
    const xShape = [4, 5, 6];
    for (const [dtype, gen] of [
      ['float32', uniform(rng, -9, 9)],
      ['int32', integers(rng, -2000000000, 2000000000)],
    ] as const) {
      const x = operand(be, dtype, xShape, 'transposed', gen);
      // Index shapes may be smaller than x off the gather dim and any size along it.
      const cases: readonly [number, number[], Layout][] = [
        [0, [3, 5, 2], 'padded'],
        [1, [4, 7, 6], 'transposed'],
        [2, [2, 3, 8], 'offset'],
      ];
      for (const [dim, iShape, layout] of cases) {
        const index = operand(be, 'int32', iShape, layout, integers(rng, 0, xShape[dim] - 1));
        const want = index.values.map((k, o) => {
          const idx = unravel(o, iShape);
          idx[dim] = k;
          return atIndex(x, idx);
        });
        await check(
          be,
          `gather ${dtype} dim ${dim} index ${show(iShape)} (${layout})`,
          be.gather(x.view, dim, index.view, dtype),
          dtype,
          want,
          iShape,
        );
      }
    }
  });

  add(
    'scatterAdd: repeated indices accumulate, strided base/index/src, base untouched',
    async () => {
      const rng = makeRng(800);
      const configs: readonly [DType, number, number[], number[]][] = [
        ['float32', 0, [4, 5], [6, 3]],
        ['float32', 1, [3, 4, 5], [2, 6, 3]],
        ['float32', 2, [3, 4, 5], [3, 2, 9]],
        ['int32', 0, [4, 5], [7, 5]],
      ];
      for (const [dtype, dim, bShape, iShape] of configs) {
        const gen = dtype === 'int32' ? integers(rng, -100000, 100000) : uniform(rng, -5, 5);
        const base = operand(be, dtype, bShape, 'padded', gen);
        const index = operand(be, 'int32', iShape, 'transposed', integers(rng, 0, bShape[dim] - 1));
        const src = operand(be, dtype, iShape, 'offset', gen);
        const want = base.values.slice();
        const magnitude = base.values.map(Math.abs);
        const count = want.map(() => 1);
        index.values.forEach((k, o) => {
          const idx = unravel(o, iShape);
          idx[dim] = k;
          const at = ravel(idx, bShape);
          want[at] += src.values[o];
          magnitude[at] += Math.abs(src.values[o]);
          count[at]++;
        });
        const u = conformanceTolerance.float32.unitRoundoff;
        const slack = dtype === 'int32' ? undefined : magnitude.map((s, i) => count[i] * u * s);
        const label = `scatterAdd ${dtype} dim ${dim} base ${show(bShape)} index ${show(iShape)}`;
        await check(
          be,
          label,
          be.scatterAdd(base.view, dim, index.view, src.view, dtype),
          dtype,
          want,
          bShape,
          slack,
        );
        await check(
          be,
          `${label}: base buffer after the kernel`,
          base.view.buffer,
          dtype,
          base.storage,
          [base.storage.length],
        );
      }
      // Every src element lands on the same row.
      const base = exact(be, 'float32', [1, 2, 3, 4, 5, 6], [2, 3]);
      const index = exact(be, 'int32', Array(12).fill(1), [4, 3]);
      const src = exact(be, 'float32', [1, 10, 100, 2, 20, 200, 3, 30, 300, 4, 40, 400], [4, 3]);
      await check(
        be,
        'scatterAdd into one row',
        be.scatterAdd(base.view, 0, index.view, src.view, 'float32'),
        'float32',
        [1, 2, 3, 14, 105, 1006],
        [2, 3],
      );
    },
  );

  return cases;
}
