import type { Backend, View } from '../../backend';
import type { DType } from '../../dtype';
import { caseList } from './case-list';
import { check } from './check';
import type { ConformanceCase } from './conformance-case';
import { exact } from './exact';
import { integers } from './integers';
import { makeRng } from './make-rng';
import { operand } from './operand';
import { referenceReduce } from './reference-reduce';
import { uniform } from './uniform';

/** Cases for `reduce` on backend `be`: sum, max/min and argmax/argmin over strided views. */
export function reduceCases<B>(be: Backend<B>): ConformanceCase[] {
  const { cases, add } = caseList();

  add('reduce sum: float32 over one and several dims of strided views', async () => {
    const rng = makeRng(400);
    const shape = [4, 5, 6];
    for (const layout of ['transposed', 'padded', 'offset'] as const) {
      const x = operand(be, 'float32', shape, layout, uniform(rng, -3, 3));
      for (const dims of [[0], [1], [2], [0, 2], [1, 2], [0, 1, 2]]) {
        const r = referenceReduce('sum', x.values, shape, dims, 'float32');
        await check(
          be,
          `reduce sum dims [${dims}] of a ${layout} view`,
          be.reduce('sum', x.view, dims, 'float32'),
          'float32',
          r.values,
          r.shape,
          r.slack,
        );
      }
    }
    const b = operand(be, 'float32', [5, 3], 'offset', uniform(rng, -3, 3), [0]);
    const rb = referenceReduce('sum', b.values, [5, 3], [0], 'float32');
    await check(
      be,
      'reduce sum over a broadcast (stride-0) dim',
      be.reduce('sum', b.view, [0], 'float32'),
      'float32',
      rb.values,
      rb.shape,
      rb.slack,
    );
  });

  add('reduce sum: long rows, empty dims and 0-d views', async () => {
    const rng = makeRng(401);
    const long = operand(be, 'float32', [2, 4099], 'padded', uniform(rng, -1, 1));
    const rl = referenceReduce('sum', long.values, [2, 4099], [1], 'float32');
    await check(
      be,
      'reduce sum of 4099-element rows',
      be.reduce('sum', long.view, [1], 'float32'),
      'float32',
      rl.values,
      rl.shape,
      rl.slack,
    );
    const tall = operand(be, 'float32', [1000, 3], 'transposed', uniform(rng, 0, 10));
    const rt = referenceReduce('sum', tall.values, [1000, 3], [0], 'float32');
    await check(
      be,
      'reduce sum of 1000-row columns',
      be.reduce('sum', tall.view, [0], 'float32'),
      'float32',
      rt.values,
      rt.shape,
      rt.slack,
    );
    const empty = operand(be, 'float32', [2, 0], 'contiguous', uniform(rng, 0, 1));
    await check(
      be,
      'reduce sum over an empty dim',
      be.reduce('sum', empty.view, [1], 'float32'),
      'float32',
      [0, 0],
      [2, 1],
    );
    const emptyRows = operand(be, 'float32', [0, 3], 'contiguous', uniform(rng, 0, 1));
    await check(
      be,
      'reduce sum of zero rows',
      be.reduce('sum', emptyRows.view, [0], 'float32'),
      'float32',
      [0, 0, 0],
      [1, 3],
    );
    const scalar: View<B> = {
      buffer: be.upload([1, 2, 3.5], 'float32'),
      dtype: 'float32',
      shape: [],
      strides: [],
      offset: 2,
    };
    await check(
      be,
      'reduce sum of a 0-d view over no dims',
      be.reduce('sum', scalar, [], 'float32'),
      'float32',
      [3.5],
      [],
    );
    const d = operand(be, 'float64', [3, 50], 'transposed', uniform(rng, -1, 1));
    const rd = referenceReduce('sum', d.values, [3, 50], [1], 'float64');
    await check(
      be,
      'reduce sum float64',
      be.reduce('sum', d.view, [1], 'float64'),
      'float64',
      rd.values,
      rd.shape,
      rd.slack,
    );
  });

  add('reduce sum: int32 is exact and bool counts into int32', async () => {
    const rng = makeRng(402);
    const shape = [3, 40, 2];
    const x = operand(be, 'int32', shape, 'transposed', integers(rng, -1000000, 1000000));
    for (const dims of [[1], [0, 1], [0, 1, 2]]) {
      const r = referenceReduce('sum', x.values, shape, dims, 'int32');
      await check(
        be,
        `reduce sum int32 dims [${dims}]`,
        be.reduce('sum', x.view, dims, 'int32'),
        'int32',
        r.values,
        r.shape,
      );
    }
    const big = exact(be, 'int32', [16777217, 1, 1, 2000000000, 100000000, 47483647], [2, 3]);
    await check(
      be,
      'reduce sum int32 beyond 2^24',
      be.reduce('sum', big.view, [1], 'int32'),
      'int32',
      [16777219, 2147483647],
      [2, 1],
    );
    const b = operand(be, 'bool', [4, 7], 'padded', integers(rng, 0, 1));
    const rb = referenceReduce('sum', b.values, [4, 7], [1], 'int32');
    await check(
      be,
      'reduce sum bool→int32 (count)',
      be.reduce('sum', b.view, [1], 'int32'),
      'int32',
      rb.values,
      rb.shape,
    );
  });

  add('reduce max/min: one and several dims of strided views, every dtype', async () => {
    const rng = makeRng(403);
    const shape = [4, 5, 6];
    for (const op of ['max', 'min'] as const) {
      for (const layout of ['transposed', 'padded'] as const) {
        const x = operand(be, 'float32', shape, layout, uniform(rng, -100, 100));
        for (const dims of [[0], [2], [0, 1], [0, 1, 2]]) {
          const r = referenceReduce(op, x.values, shape, dims, 'float32');
          await check(
            be,
            `reduce ${op} dims [${dims}] of a ${layout} view`,
            be.reduce(op, x.view, dims, 'float32'),
            'float32',
            r.values,
            r.shape,
          );
        }
      }
      const i = operand(be, 'int32', [6, 7], 'transposed', integers(rng, -2000000000, 2000000000));
      const ri = referenceReduce(op, i.values, [6, 7], [1], 'int32');
      await check(
        be,
        `reduce ${op} int32`,
        be.reduce(op, i.view, [1], 'int32'),
        'int32',
        ri.values,
        ri.shape,
      );
      const b = operand(be, 'bool', [5, 3], 'padded', () => (rng() < 0.8 ? 1 : 0));
      const rb = referenceReduce(op, b.values, [5, 3], [0], 'bool');
      await check(
        be,
        `reduce ${op} bool (${op === 'max' ? 'any' : 'all'})`,
        be.reduce(op, b.view, [0], 'bool'),
        'bool',
        rb.values,
        rb.shape,
      );
      const inf = exact(be, 'float32', [-Infinity, -Infinity, Infinity, Infinity], [2, 2]);
      await check(
        be,
        `reduce ${op} of infinities`,
        be.reduce(op, inf.view, [1], 'float32'),
        'float32',
        [-Infinity, Infinity],
        [2, 1],
      );
    }
  });

  add('reduce: NaN propagates through max/min and wins argmax/argmin', async () => {
    // Row 1 holds a NaN between finite values, with a larger and a smaller value after it.
    const data = [1, 5, 2, 0, 1, 5, NaN, 9, -9, 3, 3, 2, -1, 4];
    const x = exact(be, 'float32', data.slice(0, 12), [3, 4]);
    const shape = [3, 4];
    for (const op of ['max', 'min', 'argmax', 'argmin'] as const) {
      const dtype: DType = op.startsWith('arg') ? 'int32' : 'float32';
      for (const dims of [[0], [1]]) {
        const r = referenceReduce(op, x.values, shape, dims, dtype);
        await check(
          be,
          `reduce ${op} dim ${dims[0]} with a NaN`,
          be.reduce(op, x.view, dims, dtype),
          dtype,
          r.values,
          r.shape,
        );
      }
    }
    const all = referenceReduce('max', x.values, shape, [0, 1], 'float32');
    await check(
      be,
      'reduce max over all dims with a NaN',
      be.reduce('max', x.view, [0, 1], 'float32'),
      'float32',
      all.values,
      all.shape,
    );
  });

  add(
    'reduce argmax/argmin: int32 indices along each dim of strided views, first of ties',
    async () => {
      const rng = makeRng(404);
      const shape = [4, 5, 6];
      for (const op of ['argmax', 'argmin'] as const) {
        // Few distinct values, so most rows have ties and must report the first.
        const x = operand(be, 'float32', shape, 'transposed', integers(rng, 0, 3));
        const y = operand(be, 'float32', shape, 'padded', uniform(rng, -1, 1), [1]);
        for (const dim of [0, 1, 2]) {
          const r = referenceReduce(op, x.values, shape, [dim], 'int32');
          await check(
            be,
            `reduce ${op} dim ${dim} of a transposed view with ties`,
            be.reduce(op, x.view, [dim], 'int32'),
            'int32',
            r.values,
            r.shape,
          );
          const ry = referenceReduce(op, y.values, shape, [dim], 'int32');
          await check(
            be,
            `reduce ${op} dim ${dim} of a padded view broadcast over dim 1`,
            be.reduce(op, y.view, [dim], 'int32'),
            'int32',
            ry.values,
            ry.shape,
          );
        }
        const i = operand(be, 'int32', [5, 8], 'offset', integers(rng, -3, 3));
        const ri = referenceReduce(op, i.values, [5, 8], [1], 'int32');
        await check(
          be,
          `reduce ${op} of int32 input`,
          be.reduce(op, i.view, [1], 'int32'),
          'int32',
          ri.values,
          ri.shape,
        );
        const flat = operand(be, 'float32', [1000], 'padded', uniform(rng, -1, 1));
        const rf = referenceReduce(op, flat.values, [1000], [0], 'int32');
        await check(
          be,
          `reduce ${op} of 1000 elements`,
          be.reduce(op, flat.view, [0], 'int32'),
          'int32',
          rf.values,
          rf.shape,
        );
      }
    },
  );

  return cases;
}
