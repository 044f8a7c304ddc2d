import type { Backend } from '../../backend';
import type { DType } from '../../dtype';
import { atIndex } from './at-index';
import { caseList } from './case-list';
import { check } from './check';
import type { ConformanceCase } from './conformance-case';
import { integers } from './integers';
import { makeRng } from './make-rng';
import { numelOf } from './numel-of';
import { operand, type Layout, type Operand } from './operand';
import { show } from './show';
import { uniform } from './uniform';
import { unravel } from './unravel';

/** Cases for `cat` on backend `be`: strided, empty and broadcast inputs, every dtype. */
export function catCases<B>(be: Backend<B>): ConformanceCase[] {
  const { cases, add } = caseList();

  add('cat: dims 0, 1 and 2 of strided and empty inputs, every dtype', async () => {
    const rng = makeRng(900);
    /** Reference concatenation through multi-indices. */
    const join = (
      xs: readonly Operand<B>[],
      dim: number,
    ): { values: number[]; shape: number[] } => {
      const shape = [...xs[0].view.shape];
      shape[dim] = xs.reduce((s, x) => s + x.view.shape[dim], 0);
      const values = Array.from({ length: numelOf(shape) }, (_, o) => {
        const idx = unravel(o, shape);
        let part = 0;
        while (idx[dim] >= xs[part].view.shape[dim]) idx[dim] -= xs[part++].view.shape[dim];
        return atIndex(xs[part], idx);
      });
      return { values, shape };
    };
    const configs: readonly [DType, number, [number[], Layout][]][] = [
      [
        'float32',
        0,
        [
          [[2, 4], 'transposed'],
          [[3, 4], 'padded'],
          [[0, 4], 'contiguous'],
          [[1, 4], 'offset'],
        ],
      ],
      [
        'float32',
        1,
        [
          [[3, 2], 'padded'],
          [[3, 5], 'transposed'],
          [[3, 1], 'offset'],
        ],
      ],
      [
        'float32',
        2,
        [
          [[2, 3, 4], 'transposed'],
          [[2, 3, 1], 'padded'],
        ],
      ],
      [
        'int32',
        1,
        [
          [[2, 3], 'transposed'],
          [[2, 4], 'padded'],
        ],
      ],
      [
        'bool',
        0,
        [
          [[2, 3], 'padded'],
          [[3, 3], 'transposed'],
        ],
      ],
      ['float32', 0, [[[3, 2], 'transposed']]],
    ];
    for (const [dtype, dim, parts] of configs) {
      const gen =
        dtype === 'float32'
          ? uniform(rng, -9, 9)
          : dtype === 'int32'
            ? integers(rng, -2000000000, 2000000000)
            : integers(rng, 0, 1);
      const xs = parts.map(([shape, layout]) => operand(be, dtype, shape, layout, gen));
      const r = join(xs, dim);
      const label = `cat ${dtype} dim ${dim} of ${parts.map(([s, l]) => `${show(s)}(${l})`).join(', ')}`;
      await check(
        be,
        label,
        be.cat(
          xs.map((x) => x.view),
          dim,
          dtype,
        ),
        dtype,
        r.values,
        r.shape,
      );
    }
    // A broadcast view among the inputs.
    const a = operand(be, 'float32', [3, 2], 'contiguous', uniform(rng, -9, 9));
    const b = operand(be, 'float32', [3, 4], 'padded', uniform(rng, -9, 9), [0]);
    const r = join([a, b], 1);
    await check(
      be,
      'cat float32 dim 1 with a row-broadcast input',
      be.cat([a.view, b.view], 1, 'float32'),
      'float32',
      r.values,
      r.shape,
    );
  });

  return cases;
}
