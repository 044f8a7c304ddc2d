import type { DType, View } from '@torchlet/tensor';
import { castExpression } from '../codegen/cast-expression';
import { coalesceDims } from '../codegen/coalesce-dims';
import { coordinateLines } from '../codegen/coordinate-lines';
import { offsetExpression } from '../codegen/offset-expression';
import type { GpuBuffer } from '../gpu-buffer';
import type { KernelPlan } from './kernel-plan';
import { kernelSource } from './kernel-source';
import { shapeKey } from './shape-key';

/** Products summed per step of the k loop: the loop runs over tiles of this many. */
const matmulTile = 8;

/**
 * Plans a batched matmul `[...batch, m, k] × [...batch, k, n]`. The output is laid out flat,
 * batch-major then row-major (`((t·m + r)·n + c)`), one thread per element. Batch dims of both
 * operands are merged where their strides allow (a stride-0 batch dim broadcasts an operand), and
 * each thread starts from its batch's offsets in `a` and `b`. The k loop has a constant bound:
 * `floor(k / 8)` tiles whose 8 products are summed unrolled before joining the accumulator, then
 * the `k mod 8` remaining products; every stride is a literal of the compiled kernel.
 *
 * @example
 * ```ts
 * const plan = matmulPlan(a, b, 'float32'); // a: [2, 17, 33], b: [2, 33, 65]
 * ```
 */
export function matmulPlan(a: View<GpuBuffer>, b: View<GpuBuffer>, dtype: DType): KernelPlan {
  const nd = a.shape.length;
  const m = a.shape[nd - 2];
  const k = a.shape[nd - 1];
  const n = b.shape[nd - 1];
  const batch = coalesceDims(a.shape.slice(0, nd - 2), [
    a.strides.slice(0, nd - 2),
    b.strides.slice(0, nd - 2),
  ]);
  const [sam, sak] = [a.strides[nd - 2], a.strides[nd - 1]];
  const [sbk, sbn] = [b.strides[nd - 2], b.strides[nd - 1]];
  let batches = 1;
  for (const d of batch.shape) batches *= d;
  const key =
    `matmul>${dtype}|${shapeKey(batch.shape)}${shapeKey([m, k, n])}` +
    `|${shapeKey([...batch.strides[0], sam, sak])}${shapeKey([...batch.strides[1], sbk, sbn])}`;
  return {
    key,
    size: batches * m * n,
    buffers: [a.buffer, b.buffer],
    scalars: [a.offset, b.offset],
    source: () => {
      const { lines, coords } = coordinateLines([...batch.shape, m, n], 'i', 'c');
      const bc = coords.slice(0, batch.shape.length);
      const [row, col] = coords.slice(batch.shape.length);
      lines.push(`const ar = ${offsetExpression('p0', [...bc, row], [...batch.strides[0], sam])};`);
      lines.push(`const bc = ${offsetExpression('p1', [...bc, col], [...batch.strides[1], sbn])};`);
      lines.push('let acc = 0;');
      const tiles = Math.floor(k / matmulTile);
      const products = (ia: string, ib: string, count: number): string =>
        Array.from({ length: count }, (_, t) => {
          const da = t * sak === 0 ? '' : ` + ${t * sak}`;
          const db = t * sbk === 0 ? '' : ` + ${t * sbk}`;
          return `x0[${ia}${da}] * x1[${ib}${db}]`;
        }).join(' + ');
      if (tiles > 0) {
        lines.push(
          `for (let q = 0; q < ${tiles}; q++) {`,
          `  const ia = ar + q * ${matmulTile * sak};`,
          `  const ib = bc + q * ${matmulTile * sbk};`,
          `  acc = acc + (${products('ia', 'ib', matmulTile)});`,
          '}',
        );
      }
      const rest = k - tiles * matmulTile;
      if (rest > 0) {
        const plus = (v: number): string => (v === 0 ? '' : ` + ${v}`);
        lines.push(`const ra = ar${plus(tiles * matmulTile * sak)};`);
        lines.push(`const rb = bc${plus(tiles * matmulTile * sbk)};`);
        lines.push(`acc = acc + (${products('ra', 'rb', rest)});`);
      }
      return kernelSource(2, 2, lines, castExpression('acc', dtype));
    },
  };
}
