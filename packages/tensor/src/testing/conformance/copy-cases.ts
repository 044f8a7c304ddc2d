import type { Backend, View } from '../../backend';
import { caseList } from './case-list';
import { castValues } from './cast-values';
import { check } from './check';
import type { ConformanceCase } from './conformance-case';
import { exact } from './exact';
import { expectValues } from './expect-values';
import { integers } from './integers';
import { makeRng } from './make-rng';
import { operand, type Layout } from './operand';
import { readBack } from './read-back';
import { readStrided } from './read-strided';
import { uniform } from './uniform';

/** Cases for `copy` on backend `be`: strided views to contiguous buffers and dtype conversions. */
export function copyCases<B>(be: Backend<B>): ConformanceCase[] {
  const { cases, add } = caseList();

  add(
    'copy: strided float32 views become contiguous (transposed, offset, gapped, broadcast)',
    async () => {
      const rng = makeRng(11);
      const shape = [3, 4, 5];
      const layouts: Layout[] = ['contiguous', 'offset', 'transposed', 'padded'];
      for (const layout of layouts) {
        const x = operand(be, 'float32', shape, layout, uniform(rng, -10, 10));
        const out = be.copy(x.view, 'float32');
        if (Object.is(out, x.view.buffer))
          throw new Error(`copy ${layout}: returned its input buffer, expected a new one`);
        await check(be, `copy ${layout} view`, out, 'float32', x.values, shape);
      }
      const b = operand(be, 'float32', shape, 'padded', uniform(rng, -10, 10), [0, 2]);
      await check(
        be,
        'copy of a view broadcast over dims 0 and 2',
        be.copy(b.view, 'float32'),
        'float32',
        b.values,
        shape,
      );
      const scalar: View<B> = {
        buffer: be.upload([9, 8, 7, 6], 'float32'),
        dtype: 'float32',
        shape: [],
        strides: [],
        offset: 2,
      };
      await check(
        be,
        'copy of a 0-d view at offset 2',
        be.copy(scalar, 'float32'),
        'float32',
        [7],
        [],
      );
      const scalarBroadcast: View<B> = { ...scalar, shape: [2, 3], strides: [0, 0] };
      await check(
        be,
        'copy of a 0-d value expanded to [2, 3]',
        be.copy(scalarBroadcast, 'float32'),
        'float32',
        Array(6).fill(7),
        [2, 3],
      );
      const empty = operand(be, 'float32', [2, 0, 3], 'padded', uniform(rng, 0, 1));
      await check(
        be,
        'copy of an empty view',
        be.copy(empty.view, 'float32'),
        'float32',
        [],
        [2, 0, 3],
      );
    },
  );

  add('copy: converts dtypes (float→int32 truncates toward zero, →bool tests != 0)', async () => {
    const src = [-2.7, -0.5, 0.5, 2.7, 3, -3, 1000000.5, 0, -0, NaN, Infinity, 1e-30];
    const x = exact(be, 'float32', src, [3, 4]);
    // A transposed 4×3 view of the same buffer, so conversion and strides are exercised together.
    const t: View<B> = { ...x.view, shape: [4, 3], strides: [1, 4] };
    const tValues = readStrided(x.storage, [4, 3], [1, 4], 0);
    const finiteInts = [-2, 0, 0, 2, 3, -3, 1000000, 0, 0];
    const toInt = await readBack(be, be.copy(x.view, 'int32'), 'int32', 'copy float32→int32');
    // NaN and ±Infinity have no int32 value (PyTorch leaves them undefined), so only finite ones count.
    expectValues('copy float32→int32', toInt.subarray(0, 9), finiteInts, 'int32', [9]);
    await check(
      be,
      'copy float32→bool',
      be.copy(x.view, 'bool'),
      'bool',
      castValues('bool', x.values),
      [3, 4],
    );
    await check(
      be,
      'copy transposed float32→bool',
      be.copy(t, 'bool'),
      'bool',
      castValues('bool', tValues),
      [4, 3],
    );
    await check(be, 'copy float32→float64', be.copy(t, 'float64'), 'float64', tValues, [4, 3]);

    const i = operand(be, 'int32', [3, 5], 'transposed', integers(makeRng(5), -1000, 1000));
    await check(be, 'copy int32→float32', be.copy(i.view, 'float32'), 'float32', i.values, [3, 5]);
    await check(
      be,
      'copy int32→bool',
      be.copy(i.view, 'bool'),
      'bool',
      castValues('bool', i.values),
      [3, 5],
    );
    const padded = operand(
      be,
      'int32',
      [3, 5],
      'padded',
      integers(makeRng(6), -2000000000, 2000000000),
    );
    await check(
      be,
      'copy int32 (padded view)',
      be.copy(padded.view, 'int32'),
      'int32',
      padded.values,
      [3, 5],
    );

    const bools = operand(be, 'bool', [4, 3], 'padded', integers(makeRng(7), 0, 1));
    await check(
      be,
      'copy bool→float32',
      be.copy(bools.view, 'float32'),
      'float32',
      bools.values,
      [4, 3],
    );
    await check(be, 'copy bool→int32', be.copy(bools.view, 'int32'), 'int32', bools.values, [4, 3]);
    await check(be, 'copy bool→bool', be.copy(bools.view, 'bool'), 'bool', bools.values, [4, 3]);

    const d = exact(be, 'float64', [0.1, 1 / 3, 1e300, -1e-300]);
    await check(
      be,
      'copy float64→float32 rounds',
      be.copy(d.view, 'float32'),
      'float32',
      [Math.fround(0.1), Math.fround(1 / 3), Infinity, -0],
      [4],
    );
  });

  return cases;
}
