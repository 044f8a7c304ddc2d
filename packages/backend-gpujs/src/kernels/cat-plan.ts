import type { DType, View } from '@torchlet/tensor';
import { castExpression } from '../codegen/cast-expression';
import { coordinateLines } from '../codegen/coordinate-lines';
import { offsetExpression } from '../codegen/offset-expression';
import type { GpuBuffer } from '../gpu-buffer';
import type { KernelPlan } from './kernel-plan';
import { kernelSource } from './kernel-source';
import { shapeKey } from './shape-key';

/**
 * Plans a concatenation along `dim` in one kernel: each thread finds which input its position
 * along `dim` falls in (a chain of range tests with constant bounds) and reads that input
 * through its strides. Inputs must be non-empty; the backend drops empty ones and splits long
 * lists, since a GL kernel can only bind a handful of textures.
 *
 * @example
 * ```ts
 * const plan = catPlan([a, b], 0, 'float32');
 * ```
 */
export function catPlan(xs: readonly View<GpuBuffer>[], dim: number, dtype: DType): KernelPlan {
  const shape = xs[0].shape.slice();
  const starts: number[] = [];
  let total = 0;
  for (const x of xs) {
    starts.push(total);
    total += x.shape[dim];
  }
  shape[dim] = total;
  let size = 1;
  for (const d of shape) size *= d;
  const key = `cat:${dim}>${dtype}|${shapeKey(shape)}${xs
    .map((x) => `${x.shape[dim]}${shapeKey(x.strides)}`)
    .join('|')}`;
  return {
    key,
    size,
    buffers: xs.map((x) => x.buffer),
    scalars: xs.map((x) => x.offset),
    source: () => {
      const { lines, coords } = coordinateLines(shape, 'i', 'c');
      const read = (p: number): string => {
        const local = coords.map((c, d) =>
          d === dim && starts[p] > 0 ? `(${c} - ${starts[p]})` : c,
        );
        return `v = x${p}[${offsetExpression(`p${p}`, local, xs[p].strides)}];`;
      };
      lines.push('let v = 0;');
      if (xs.length === 1) {
        lines.push(read(0));
      } else {
        xs.forEach((x, p) => {
          const end = starts[p] + x.shape[dim];
          if (p === 0) lines.push(`if (${coords[dim]} < ${end}) {`);
          else if (p < xs.length - 1) lines.push(`} else if (${coords[dim]} < ${end}) {`);
          else lines.push('} else {');
          lines.push(`  ${read(p)}`);
        });
        lines.push('}');
      }
      return kernelSource(xs.length, xs.length, lines, castExpression('v', dtype));
    },
  };
}
