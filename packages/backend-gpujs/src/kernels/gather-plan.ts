import type { DType, View } from '@torchlet/tensor';
import { castExpression } from '../codegen/cast-expression';
import { coordinateLines } from '../codegen/coordinate-lines';
import { offsetExpression } from '../codegen/offset-expression';
import type { GpuBuffer } from '../gpu-buffer';
import type { KernelPlan } from './kernel-plan';
import { kernelSource } from './kernel-source';
import { shapeKey } from './shape-key';

/**
 * Plans `out[…, j, …] = x[…, index[…, j, …], …]` along `dim`: one thread per index element
 * reads its index, then the element of `x` at that position along `dim` and its own position
 * along the other dims. Indices are not bounds-checked on the device (a kernel cannot throw).
 *
 * @example
 * ```ts
 * const plan = gatherPlan(x, 1, index, 'float32');
 * ```
 */
export function gatherPlan(
  x: View<GpuBuffer>,
  dim: number,
  index: View<GpuBuffer>,
  dtype: DType,
): KernelPlan {
  const shape = index.shape;
  let size = 1;
  for (const d of shape) size *= d;
  const key = `gather:${dim}>${dtype}|${shapeKey(shape)}${shapeKey(index.strides)}${shapeKey(x.strides)}`;
  return {
    key,
    size,
    buffers: [x.buffer, index.buffer],
    scalars: [x.offset, index.offset],
    source: () => {
      const { lines, coords } = coordinateLines(shape, 'i', 'c');
      lines.push(`const k = x1[${offsetExpression('p1', coords, index.strides)}];`);
      const along = coords.map((c, d) => (d === dim ? 'k' : c));
      lines.push(`const r = x0[${offsetExpression('p0', along, x.strides)}];`);
      return kernelSource(2, 2, lines, castExpression('r', dtype));
    },
  };
}
