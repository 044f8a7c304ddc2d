import type { Backend } from '../../backend';
import { caseList } from './case-list';
import { check } from './check';
import type { ConformanceCase } from './conformance-case';
import { makeRng } from './make-rng';
import { operand } from './operand';
import { uniform } from './uniform';

/** Cases checking that the kernels of backend `be` give new buffers and leave inputs intact. */
export function inputsUntouchedCases<B>(be: Backend<B>): ConformanceCase[] {
  const { cases, add } = caseList();

  add('kernels leave their inputs untouched', async () => {
    const rng = makeRng(1000);
    const x = operand(be, 'float32', [3, 4], 'padded', uniform(rng, 0.5, 2));
    const y = operand(be, 'float32', [4, 3], 'transposed', uniform(rng, 0.5, 2));
    const outs = [
      be.copy(x.view, 'float32'),
      be.unary('neg', x.view, 'float32'),
      be.binary('sub', x.view, x.view, 'float32'),
      be.reduce('sum', x.view, [1], 'float32'),
      be.matmul(x.view, y.view, 'float32'),
    ];
    for (const out of outs) {
      if (Object.is(out, x.view.buffer) || Object.is(out, y.view.buffer)) {
        throw new Error(
          'kernels: a kernel returned one of its input buffers, expected a new buffer',
        );
      }
    }
    await check(
      be,
      'input buffer after copy/unary/binary/reduce/matmul',
      x.view.buffer,
      'float32',
      x.storage,
      [x.storage.length],
    );
    await check(be, 'input buffer after matmul', y.view.buffer, 'float32', y.storage, [
      y.storage.length,
    ]);
  });

  return cases;
}
