import type { Backend } from '../../backend';
import type { DType } from '../../dtype';
import { caseList } from './case-list';
import { check } from './check';
import type { ConformanceCase } from './conformance-case';
import { conformanceTolerance } from './conformance-tolerance';
import { integers } from './integers';
import { makeRng } from './make-rng';
import { numelOf } from './numel-of';
import { operand, type Layout } from './operand';
import { referenceMatmul } from './reference-matmul';
import { show } from './show';
import { uniform } from './uniform';

/** Cases for `matmul` on backend `be`: strided and broadcast operands, batches, dtypes. */
export function matmulCases<B>(be: Backend<B>): ConformanceCase[] {
  const { cases, add } = caseList();

  const matmulCase = (
    name: string,
    batch: readonly number[],
    [m, k, n]: readonly [number, number, number],
    layoutA: Layout,
    layoutB: Layout,
    dtype: DType,
    seed: number,
    broadcastBatchA = false,
  ): void => {
    add(`matmul: ${name}`, async () => {
      const rng = makeRng(seed);
      const gen = dtype === 'int32' ? integers(rng, -20, 20) : uniform(rng, -2, 2);
      const a = operand(
        be,
        dtype,
        [...batch, m, k],
        layoutA,
        gen,
        broadcastBatchA ? batch.map((_, d) => d) : [],
      );
      const b = operand(be, dtype, [...batch, k, n], layoutB, gen);
      const u =
        dtype === 'float64'
          ? conformanceTolerance.float64.unitRoundoff
          : conformanceTolerance.float32.unitRoundoff;
      const r = referenceMatmul(a.values, b.values, numelOf(batch), m, k, n, u);
      const label = `matmul ${show([...batch, m, k])}(${layoutA}) × ${show([...batch, k, n])}(${layoutB}) ${dtype}`;
      await check(
        be,
        label,
        be.matmul(a.view, b.view, dtype),
        dtype,
        r.values,
        [...batch, m, n],
        r.slack,
      );
    });
  };

  matmulCase('1×1×1', [], [1, 1, 1], 'contiguous', 'contiguous', 'float32', 500);
  matmulCase(
    '3×5×7 with both operands transposed',
    [],
    [3, 5, 7],
    'transposed',
    'transposed',
    'float32',
    501,
  );
  matmulCase('3×5×7 with offsets and gaps', [], [3, 5, 7], 'padded', 'offset', 'float32', 502);
  matmulCase(
    '2 batches of 17×33×65, A gapped, B transposed',
    [2],
    [17, 33, 65],
    'padded',
    'transposed',
    'float32',
    503,
  );
  matmulCase(
    '2 batches of 17×33×65, A transposed, B offset',
    [2],
    [17, 33, 65],
    'transposed',
    'offset',
    'float32',
    504,
  );
  matmulCase(
    'batch dims [2, 3] of 4×6×5, transposed',
    [2, 3],
    [4, 6, 5],
    'transposed',
    'padded',
    'float32',
    505,
  );
  matmulCase(
    'A broadcast over 3 batches (stride 0)',
    [3],
    [4, 6, 5],
    'offset',
    'transposed',
    'float32',
    506,
    true,
  );
  matmulCase(
    'long dot products 8×300×40 (k-dependent tolerance)',
    [],
    [8, 300, 40],
    'transposed',
    'contiguous',
    'float32',
    507,
  );
  matmulCase('matrix·vector 9×16×1', [], [9, 16, 1], 'padded', 'transposed', 'float32', 508);
  matmulCase('vector·matrix 1×16×9', [], [1, 16, 9], 'transposed', 'padded', 'float32', 509);
  matmulCase('int32 is exact', [2], [5, 7, 3], 'transposed', 'padded', 'int32', 510);
  matmulCase('float64', [], [6, 20, 5], 'transposed', 'padded', 'float64', 511);
  matmulCase('k = 0 gives zeros', [], [2, 0, 3], 'contiguous', 'contiguous', 'float32', 512);
  matmulCase(
    'm = 0 gives an empty result',
    [2],
    [0, 4, 3],
    'contiguous',
    'transposed',
    'float32',
    513,
  );

  return cases;
}
