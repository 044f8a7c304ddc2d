import type { Backend } from '../../backend';
import { caseList } from './case-list';
import { check } from './check';
import type { ConformanceCase } from './conformance-case';
import { exact } from './exact';
import { integers } from './integers';
import { makeRng } from './make-rng';
import { operand } from './operand';
import { uniform } from './uniform';

/** Cases for `where` on backend `be`: a broadcast bool condition over strided operands. */
export function whereCases<B>(be: Backend<B>): ConformanceCase[] {
  const { cases, add } = caseList();

  add('where: broadcast bool condition over strided float32, int32 and bool operands', async () => {
    const rng = makeRng(600);
    const shape = [3, 4, 5];
    const cond = operand(be, 'bool', shape, 'padded', integers(rng, 0, 1), [2]);
    const pick = (a: readonly number[], b: readonly number[]) =>
      cond.values.map((c, i) => (c !== 0 ? a[i] : b[i]));
    const a = operand(be, 'float32', shape, 'transposed', uniform(rng, -5, 5));
    const b = operand(be, 'float32', shape, 'offset', uniform(rng, -5, 5), [0]);
    await check(
      be,
      'where float32',
      be.where(cond.view, a.view, b.view, 'float32'),
      'float32',
      pick(a.values, b.values),
      shape,
    );
    const nan = exact(be, 'float32', Array(60).fill(NaN), shape);
    await check(
      be,
      'where float32 with NaN on the false side',
      be.where(cond.view, a.view, nan.view, 'float32'),
      'float32',
      pick(a.values, nan.values),
      shape,
    );
    const i = operand(be, 'int32', shape, 'padded', integers(rng, -2000000000, 2000000000));
    const j = operand(be, 'int32', shape, 'transposed', integers(rng, -9, 9));
    await check(
      be,
      'where int32',
      be.where(cond.view, i.view, j.view, 'int32'),
      'int32',
      pick(i.values, j.values),
      shape,
    );
    const p = operand(be, 'bool', shape, 'transposed', integers(rng, 0, 1));
    const q = operand(be, 'bool', shape, 'offset', integers(rng, 0, 1));
    await check(
      be,
      'where bool',
      be.where(cond.view, p.view, q.view, 'bool'),
      'bool',
      pick(p.values, q.values),
      shape,
    );
  });

  return cases;
}
