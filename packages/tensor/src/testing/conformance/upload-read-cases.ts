import type { Backend } from '../../backend';
import { caseList } from './case-list';
import { check } from './check';
import type { ConformanceCase } from './conformance-case';
import { readBack } from './read-back';
import { sameValue } from './same-value';

/** Cases for identity, upload, read, full and free on backend `be`. */
export function uploadReadCases<B>(be: Backend<B>): ConformanceCase[] {
  const { cases, add } = caseList();

  add('spec: name and specVersion', async () => {
    if (typeof be.name !== 'string' || be.name.length === 0) {
      throw new Error(`spec: name must be a non-empty string, got ${JSON.stringify(be.name)}`);
    }
    if (be.specVersion !== 1)
      throw new Error(`spec: specVersion must be 1, got ${String(be.specVersion)}`);
  });

  add('upload/read: float32 values round-trip and are rounded to float32', async () => {
    const values = [0, -0, 1, -2.5, 0.1, 1 / 3, 3.4e38, -1e-30, 16777217, Infinity, -Infinity, NaN];
    const want = values.map(Math.fround);
    await check(be, 'upload number[] as float32', be.upload(values, 'float32'), 'float32', want, [
      values.length,
    ]);
    const f64 = Float64Array.from(values);
    await check(be, 'upload Float64Array as float32', be.upload(f64, 'float32'), 'float32', want, [
      values.length,
    ]);
    const buf = be.upload(Float32Array.from(values), 'float32');
    const got = await readBack(be, buf, 'float32', 'upload Float32Array as float32');
    for (let i = 0; i < want.length; i++) {
      if (!sameValue(got[i], want[i])) {
        throw new Error(
          `upload/read float32: element ${i} is ${got[i]}, expected exactly ${want[i]}`,
        );
      }
    }
  });

  add('upload/read: float64 keeps double precision', async () => {
    const values = [0.1, 1 / 3, 1 + 2 ** -52, 1e300, -1e-300, NaN, Infinity];
    const got = await readBack(be, be.upload(values, 'float64'), 'float64', 'upload float64');
    for (let i = 0; i < values.length; i++) {
      if (!sameValue(got[i], values[i])) {
        throw new Error(
          `upload/read float64: element ${i} is ${got[i]}, expected exactly ${values[i]}`,
        );
      }
    }
  });

  add('upload/read: int32 is exact over its whole range', async () => {
    const values = [0, 1, -1, 7, -123456, 16777217, -16777217, 2147483647, -2147483648];
    await check(be, 'upload int32', be.upload(values, 'int32'), 'int32', values, [values.length]);
    await check(
      be,
      'upload Int32Array',
      be.upload(Int32Array.from(values), 'int32'),
      'int32',
      values,
      [values.length],
    );
  });

  add(
    'upload/read: converts between dtypes (float→int32 truncates, →bool tests != 0)',
    async () => {
      const floats = [1.7, -1.7, 0.5, -0.5, 3, -3, 100000.5];
      await check(
        be,
        'upload floats as int32',
        be.upload(floats, 'int32'),
        'int32',
        [1, -1, 0, 0, 3, -3, 100000],
        [7],
      );
      const anything = [0, -0, 0.5, -2, 7, NaN, Infinity];
      await check(
        be,
        'upload as bool',
        be.upload(anything, 'bool'),
        'bool',
        [0, 0, 1, 1, 1, 1, 1],
        [7],
      );
      await check(
        be,
        'upload Int32Array as float32',
        be.upload(Int32Array.from([3, -4, 16777217]), 'float32'),
        'float32',
        [3, -4, 16777216],
        [3],
      );
      await check(
        be,
        'upload Uint8Array as bool',
        be.upload(Uint8Array.from([0, 1, 2, 255]), 'bool'),
        'bool',
        [0, 1, 1, 1],
        [4],
      );
      await check(be, 'upload empty', be.upload([], 'float32'), 'float32', [], [0]);
    },
  );

  add('read: returns a fresh host copy', async () => {
    const buf = be.upload([1, 2, 3], 'float32');
    const first = await be.read(buf, 'float32');
    first[0] = 99;
    await check(be, 'read after mutating an earlier read', buf, 'float32', [1, 2, 3], [3]);
    if (be.readSync !== undefined) {
      const sync = be.readSync(buf, 'float32');
      sync[1] = 99;
      await check(be, 'read after mutating a readSync result', buf, 'float32', [1, 2, 3], [3]);
    }
  });

  add('full: every dtype, special values and size 0', async () => {
    await check(
      be,
      'full float32 2.5',
      be.full(7, 2.5, 'float32'),
      'float32',
      Array(7).fill(2.5),
      [7],
    );
    await check(
      be,
      'full float32 0.1',
      be.full(3, 0.1, 'float32'),
      'float32',
      Array(3).fill(Math.fround(0.1)),
      [3],
    );
    await check(be, 'full float32 NaN', be.full(2, NaN, 'float32'), 'float32', [NaN, NaN], [2]);
    await check(
      be,
      'full float32 -Infinity',
      be.full(2, -Infinity, 'float32'),
      'float32',
      [-Infinity, -Infinity],
      [2],
    );
    await check(be, 'full float64 0.1', be.full(2, 0.1, 'float64'), 'float64', [0.1, 0.1], [2]);
    await check(be, 'full int32 -3', be.full(5, -3, 'int32'), 'int32', Array(5).fill(-3), [5]);
    await check(
      be,
      'full int32 2^31-1',
      be.full(2, 2147483647, 'int32'),
      'int32',
      [2147483647, 2147483647],
      [2],
    );
    await check(be, 'full bool 1', be.full(4, 1, 'bool'), 'bool', [1, 1, 1, 1], [4]);
    await check(be, 'full bool 0', be.full(4, 0, 'bool'), 'bool', [0, 0, 0, 0], [4]);
    await check(
      be,
      'full bool 5 (any nonzero is true)',
      be.full(2, 5, 'bool'),
      'bool',
      [1, 1],
      [2],
    );
    await check(be, 'full float32 size 0', be.full(0, 1, 'float32'), 'float32', [], [0]);
    await check(
      be,
      'full float32 size 1000',
      be.full(1000, -7, 'float32'),
      'float32',
      Array(1000).fill(-7),
      [1000],
    );
  });

  add('free: releases one buffer and leaves others readable', async () => {
    const keep = be.upload([1, 2], 'float32');
    const drop = be.upload([3, 4], 'float32');
    be.free(drop);
    await check(be, 'buffer read after freeing another', keep, 'float32', [1, 2], [2]);
  });

  return cases;
}
