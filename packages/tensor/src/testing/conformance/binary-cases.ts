import type { Backend, BinaryOp, View } from '../../backend';
import type { DType } from '../../dtype';
import { binarySpecs } from './binary-specs';
import { caseList } from './case-list';
import { check } from './check';
import { comparisons } from './comparisons';
import type { ConformanceCase } from './conformance-case';
import { exact } from './exact';
import { integers } from './integers';
import { makeRng } from './make-rng';
import { operand } from './operand';
import { uniform } from './uniform';

/** Cases for `binary` on backend `be`: every op, broadcasting strides, every dtype. */
export function binaryCases<B>(be: Backend<B>): ConformanceCase[] {
  const { cases, add } = caseList();

  for (const op of Object.keys(binarySpecs) as BinaryOp[]) {
    const spec = binarySpecs[op];
    const outType: DType = comparisons.has(op) ? 'bool' : 'float32';
    add(
      `binary ${op}: float32 with broadcasting strides${outType === 'bool' ? ' (bool output)' : ''}`,
      async () => {
        const rng = makeRng(200 + op.length * 7 + op.charCodeAt(0));
        const shape = [3, 4, 5];
        const a = operand(be, 'float32', shape, 'transposed', spec.a(rng));
        const b = operand(be, 'float32', shape, 'padded', spec.b(rng), [1]);
        const want = a.values.map((v, i) => spec.ref(v, b.values[i]));
        await check(
          be,
          `binary ${op} (transposed, broadcast dim 1)`,
          be.binary(op, a.view, b.view, outType),
          outType,
          want,
          shape,
        );
        // Swapped roles, so that a kernel which mixes up its operands cannot pass.
        const c = operand(be, 'float32', shape, 'offset', spec.a(rng), [0, 2]);
        const d = operand(be, 'float32', shape, 'transposed', spec.b(rng));
        const want2 = c.values.map((v, i) => spec.ref(v, d.values[i]));
        await check(
          be,
          `binary ${op} (broadcast dims 0 and 2, transposed)`,
          be.binary(op, c.view, d.view, outType),
          outType,
          want2,
          shape,
        );
        // A 0-d scalar expanded to the output shape, as `x.op(2)` produces.
        const scalar: View<B> = {
          ...exact(be, 'float32', [1.5]).view,
          shape: [4, 3],
          strides: [0, 0],
        };
        const e = operand(be, 'float32', [4, 3], 'padded', spec.a(rng));
        const want3 = e.values.map((v) => spec.ref(v, 1.5));
        await check(
          be,
          `binary ${op} (view, expanded scalar 1.5)`,
          be.binary(op, e.view, scalar, outType),
          outType,
          want3,
          [4, 3],
        );
        const sa = exact(
          be,
          'float32',
          spec.specials.map(([x]) => x),
        );
        const sb = exact(
          be,
          'float32',
          spec.specials.map(([, y]) => y),
        );
        await check(
          be,
          `binary ${op} of ${sa.values.map((x, i) => `(${x}, ${sb.values[i]})`).join(' ')}`,
          be.binary(op, sa.view, sb.view, outType),
          outType,
          sa.values.map((v, i) => spec.ref(v, sb.values[i])),
          [spec.specials.length],
        );
      },
    );
  }

  add('binary: int32 inputs (exact arithmetic, true division, bool comparisons)', async () => {
    const rng = makeRng(300);
    const shape = [4, 6];
    const a = operand(be, 'int32', shape, 'transposed', integers(rng, -50000, 50000));
    const b = operand(be, 'int32', shape, 'padded', integers(rng, -50000, 50000), [0]);
    const intOps: readonly [BinaryOp, (x: number, y: number) => number][] = [
      ['add', (x, y) => x + y],
      ['sub', (x, y) => x - y],
      ['maximum', Math.max],
      ['minimum', Math.min],
    ];
    for (const [op, ref] of intOps) {
      await check(
        be,
        `binary ${op} int32`,
        be.binary(op, a.view, b.view, 'int32'),
        'int32',
        a.values.map((v, i) => ref(v, b.values[i])),
        shape,
      );
    }
    const s = operand(be, 'int32', shape, 'offset', integers(rng, -300, 300));
    const t = operand(be, 'int32', shape, 'transposed', integers(rng, -300, 300));
    await check(
      be,
      'binary mul int32',
      be.binary('mul', s.view, t.view, 'int32'),
      'int32',
      s.values.map((v, i) => v * t.values[i]),
      shape,
    );
    const nz = operand(
      be,
      'int32',
      shape,
      'transposed',
      () => (rng() < 0.5 ? -1 : 1) * integers(rng, 1, 9)(),
    );
    await check(
      be,
      'binary div int32→float32 (true division)',
      be.binary('div', s.view, nz.view, 'float32'),
      'float32',
      s.values.map((v, i) => v / nz.values[i]),
      shape,
    );
    for (const op of comparisons) {
      const ref = binarySpecs[op].ref;
      const x = operand(be, 'int32', shape, 'padded', integers(rng, -2, 2));
      const y = operand(be, 'int32', shape, 'transposed', integers(rng, -2, 2));
      await check(
        be,
        `binary ${op} int32→bool`,
        be.binary(op, x.view, y.view, 'bool'),
        'bool',
        x.values.map((v, i) => ref(v, y.values[i])),
        shape,
      );
    }
    const big = exact(be, 'int32', [16777217, -2147483647, 2147483000, 1]);
    const plus = exact(be, 'int32', [2, -1, 647, -1]);
    await check(
      be,
      'binary add int32 beyond 2^24',
      be.binary('add', big.view, plus.view, 'int32'),
      'int32',
      [16777219, -2147483648, 2147483647, 0],
      [4],
    );
    const base = exact(be, 'int32', [2, 3, -2, 10, 7]);
    const expo = exact(be, 'int32', [10, 3, 3, 4, 0]);
    await check(
      be,
      'binary pow int32 (exact powers)',
      be.binary('pow', base.view, expo.view, 'int32'),
      'int32',
      [1024, 27, -8, 10000, 1],
      [5],
    );
  });

  add('binary: mixed int32/float32 operands and bool operands', async () => {
    const rng = makeRng(301);
    const shape = [3, 5];
    const i = operand(be, 'int32', shape, 'transposed', integers(rng, -5, 5));
    const f = operand(be, 'float32', shape, 'padded', uniform(rng, -5, 5));
    await check(
      be,
      'binary add int32+float32→float32',
      be.binary('add', i.view, f.view, 'float32'),
      'float32',
      i.values.map((v, k) => v + f.values[k]),
      shape,
    );
    await check(
      be,
      'binary mul float32*int32→float32',
      be.binary('mul', f.view, i.view, 'float32'),
      'float32',
      f.values.map((v, k) => v * i.values[k]),
      shape,
    );
    await check(
      be,
      'binary lt int32<float32→bool',
      be.binary('lt', i.view, f.view, 'bool'),
      'bool',
      i.values.map((v, k) => +(v < f.values[k])),
      shape,
    );
    const p = operand(be, 'bool', shape, 'padded', integers(rng, 0, 1));
    const q = operand(be, 'bool', shape, 'transposed', integers(rng, 0, 1));
    await check(
      be,
      'binary add bool+bool→int32',
      be.binary('add', p.view, q.view, 'int32'),
      'int32',
      p.values.map((v, k) => v + q.values[k]),
      shape,
    );
    await check(
      be,
      'binary mul bool*bool→int32',
      be.binary('mul', p.view, q.view, 'int32'),
      'int32',
      p.values.map((v, k) => v * q.values[k]),
      shape,
    );
    await check(
      be,
      'binary maximum bool→bool (or)',
      be.binary('maximum', p.view, q.view, 'bool'),
      'bool',
      p.values.map((v, k) => Math.max(v, q.values[k])),
      shape,
    );
    await check(
      be,
      'binary minimum bool→bool (and)',
      be.binary('minimum', p.view, q.view, 'bool'),
      'bool',
      p.values.map((v, k) => Math.min(v, q.values[k])),
      shape,
    );
    await check(
      be,
      'binary eq bool→bool',
      be.binary('eq', p.view, q.view, 'bool'),
      'bool',
      p.values.map((v, k) => +(v === q.values[k])),
      shape,
    );
    await check(
      be,
      'binary ne bool (broadcast) → bool',
      be.binary('ne', p.view, { ...q.view, strides: [0, q.view.strides[1]] }, 'bool'),
      'bool',
      p.values.map((v, k) => +(v !== q.values[k % shape[1]])),
      shape,
    );
  });

  add('binary: float64 keeps double precision', async () => {
    const a = exact(be, 'float64', [0.1, 1e300, 1 + 2 ** -52, 3]);
    const b = exact(be, 'float64', [0.2, 1e-300, -1, 0.1]);
    // Each of these results differs from its float32 rounding by far more than the float64 rtol.
    const ops: readonly [BinaryOp, (x: number, y: number) => number][] = [
      ['add', (x, y) => x + y],
      ['mul', (x, y) => x * y],
      ['div', (x, y) => x / y],
    ];
    for (const [op, ref] of ops) {
      const want = a.values.map((v, i) => ref(v, b.values[i]));
      await check(
        be,
        `binary ${op} float64 of [0.1, 1e300, 1+2^-52, 3] and [0.2, 1e-300, -1, 0.1]`,
        be.binary(op, a.view, b.view, 'float64'),
        'float64',
        want,
        [4],
      );
    }
  });

  return cases;
}
