import type { DType, View } from '@torchlet/tensor';
import { castExpression } from '../codegen/cast-expression';
import { coordinateLines } from '../codegen/coordinate-lines';
import { offsetExpression } from '../codegen/offset-expression';
import type { GpuBuffer } from '../gpu-buffer';
import type { KernelPlan } from './kernel-plan';
import { kernelSource } from './kernel-source';
import { shapeKey } from './shape-key';

/**
 * Plans a scatter-add as a gather, since a kernel writes only its own output element: each
 * output position of `base` loops over the index entries along `dim` that share its other
 * coordinates and adds the `src` values whose index points at it, in index order. Positions
 * outside the index's extent in the other dims keep the base value.
 *
 * @example
 * ```ts
 * const plan = scatterAddPlan(base, 0, index, src, 'float32');
 * ```
 */
export function scatterAddPlan(
  base: View<GpuBuffer>,
  dim: number,
  index: View<GpuBuffer>,
  src: View<GpuBuffer>,
  dtype: DType,
): KernelPlan {
  const shape = base.shape;
  let size = 1;
  for (const d of shape) size *= d;
  const key =
    `scatterAdd:${dim}>${dtype}|${shapeKey(shape)}${shapeKey(base.strides)}` +
    `|${shapeKey(index.shape)}${shapeKey(index.strides)}${shapeKey(src.strides)}`;
  return {
    key,
    size,
    buffers: [base.buffer, index.buffer, src.buffer],
    scalars: [base.offset, index.offset, src.offset],
    source: () => {
      const { lines, coords } = coordinateLines(shape, 'i', 'c');
      lines.push(`let acc = x0[${offsetExpression('p0', coords, base.strides)}];`);
      const along = coords.map((c, d) => (d === dim ? 'j' : c));
      const loop = [
        `for (let j = 0; j < ${index.shape[dim]}; j++) {`,
        `  const k = x1[${offsetExpression('p1', along, index.strides)}];`,
        `  if (k === ${coords[dim]}) {`,
        `    acc = acc + x2[${offsetExpression('p2', along, src.strides)}];`,
        '  }',
        '}',
      ];
      const inside = coords
        .map((c, d) => (d !== dim && index.shape[d] < shape[d] ? `${c} < ${index.shape[d]}` : ''))
        .filter((t) => t !== '');
      if (inside.length === 0) lines.push(...loop);
      else lines.push(`if (${inside.join(' && ')}) {`, ...loop.map((l) => `  ${l}`), '}');
      return kernelSource(3, 3, lines, castExpression('acc', dtype));
    },
  };
}
