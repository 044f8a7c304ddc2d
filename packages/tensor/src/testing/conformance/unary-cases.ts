import type { Backend, UnaryOp } from '../../backend';
import { caseList } from './case-list';
import { castValues } from './cast-values';
import { check } from './check';
import type { ConformanceCase } from './conformance-case';
import { erfTable } from './erf-table';
import { exact } from './exact';
import { integers } from './integers';
import { makeRng } from './make-rng';
import { operand } from './operand';
import { unarySpecs } from './unary-specs';
import { uniform } from './uniform';

/** Cases for `unary` on backend `be`: every op, dtype and view layout. */
export function unaryCases<B>(be: Backend<B>): ConformanceCase[] {
  const { cases, add } = caseList();

  for (const op of Object.keys(unarySpecs) as (keyof typeof unarySpecs)[]) {
    const spec = unarySpecs[op];
    add(`unary ${op}: float32 over strided views and special values`, async () => {
      const rng = makeRng(100 + op.length);
      const [lo, hi] = spec.domain;
      for (const layout of ['transposed', 'padded'] as const) {
        const x = operand(be, 'float32', [3, 4, 5], layout, uniform(rng, lo, hi));
        await check(
          be,
          `unary ${op} (${layout} view)`,
          be.unary(op, x.view, 'float32'),
          'float32',
          x.values.map(spec.ref),
          [3, 4, 5],
        );
      }
      const b = operand(be, 'float32', [4, 6], 'offset', uniform(rng, lo, hi), [0]);
      await check(
        be,
        `unary ${op} (broadcast view)`,
        be.unary(op, b.view, 'float32'),
        'float32',
        b.values.map(spec.ref),
        [4, 6],
      );
      const s = exact(be, 'float32', spec.specials);
      await check(
        be,
        `unary ${op} of [${s.values.join(', ')}]`,
        be.unary(op, s.view, 'float32'),
        'float32',
        s.values.map(spec.ref),
        [spec.specials.length],
      );
    });
  }

  add('unary erf: matches tabulated values', async () => {
    const x = exact(
      be,
      'float32',
      erfTable.map(([v]) => v),
    );
    await check(
      be,
      'unary erf at tabulated points',
      be.unary('erf', x.view, 'float32'),
      'float32',
      erfTable.map(([, e]) => e),
      [erfTable.length],
    );
  });

  add('unary: float64 keeps double precision', async () => {
    const rng = makeRng(42);
    for (const op of Object.keys(unarySpecs) as (keyof typeof unarySpecs)[]) {
      const spec = unarySpecs[op];
      // float64 erf is held to the tables, whose digits are exact; the Simpson reference is not.
      if (op === 'erf') {
        const x = exact(
          be,
          'float64',
          erfTable.map(([v]) => v),
        );
        await check(
          be,
          'unary erf float64 at tabulated points',
          be.unary('erf', x.view, 'float64'),
          'float64',
          erfTable.map(([, e]) => e),
          [erfTable.length],
        );
        continue;
      }
      const x = operand(
        be,
        'float64',
        [4, 5],
        'transposed',
        uniform(rng, spec.domain[0], spec.domain[1]),
      );
      await check(
        be,
        `unary ${op} float64`,
        be.unary(op, x.view, 'float64'),
        'float64',
        x.values.map(spec.ref),
        [4, 5],
      );
    }
  });

  add(
    'unary: int32 and bool inputs (neg/abs/sign/relu keep int32, float ops give float32)',
    async () => {
      const rng = makeRng(9);
      const i = operand(be, 'int32', [4, 5], 'padded', integers(rng, -1000, 1000));
      const intOps: readonly [UnaryOp, (x: number) => number][] = [
        ['neg', (x) => -x],
        ['abs', Math.abs],
        ['sign', Math.sign],
        ['relu', (x) => Math.max(x, 0)],
      ];
      for (const [op, ref] of intOps) {
        await check(
          be,
          `unary ${op} int32→int32`,
          be.unary(op, i.view, 'int32'),
          'int32',
          castValues('int32', i.values.map(ref)),
          [4, 5],
        );
      }
      const bools = operand(be, 'bool', [3, 4], 'transposed', integers(rng, 0, 1));
      for (const [op, ref] of intOps) {
        await check(
          be,
          `unary ${op} bool→int32`,
          be.unary(op, bools.view, 'int32'),
          'int32',
          castValues('int32', bools.values.map(ref)),
          [3, 4],
        );
      }
      const small = operand(be, 'int32', [3, 4], 'transposed', integers(rng, -4, 9));
      for (const op of ['exp', 'sigmoid', 'sin', 'erf'] as const) {
        await check(
          be,
          `unary ${op} int32→float32`,
          be.unary(op, small.view, 'float32'),
          'float32',
          small.values.map(unarySpecs[op].ref),
          [3, 4],
        );
      }
      const positive = operand(be, 'int32', [3, 4], 'padded', integers(rng, 0, 100));
      await check(
        be,
        'unary sqrt int32→float32',
        be.unary('sqrt', positive.view, 'float32'),
        'float32',
        positive.values.map(Math.sqrt),
        [3, 4],
      );
      await check(
        be,
        'unary exp bool→float32',
        be.unary('exp', bools.view, 'float32'),
        'float32',
        bools.values.map(Math.exp),
        [3, 4],
      );
    },
  );

  add('unary logicalNot: bool output from float32, int32 and bool inputs', async () => {
    const f = exact(be, 'float32', [0, -0, 1, -2.5, 1e-30, NaN, Infinity]);
    await check(
      be,
      'logicalNot float32',
      be.unary('logicalNot', f.view, 'bool'),
      'bool',
      [1, 1, 0, 0, 0, 0, 0],
      [7],
    );
    const rng = makeRng(77);
    const i = operand(be, 'int32', [3, 4], 'transposed', integers(rng, -1, 1));
    await check(
      be,
      'logicalNot int32',
      be.unary('logicalNot', i.view, 'bool'),
      'bool',
      i.values.map((v) => +(v === 0)),
      [3, 4],
    );
    const b = operand(be, 'bool', [3, 4], 'padded', integers(rng, 0, 1));
    await check(
      be,
      'logicalNot bool',
      be.unary('logicalNot', b.view, 'bool'),
      'bool',
      b.values.map((v) => +(v === 0)),
      [3, 4],
    );
  });

  return cases;
}
