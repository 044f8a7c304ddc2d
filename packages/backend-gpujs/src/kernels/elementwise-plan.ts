import type { DType, View } from '@torchlet/tensor';
import { castExpression } from '../codegen/cast-expression';
import { coalesceDims } from '../codegen/coalesce-dims';
import { coordinateLines } from '../codegen/coordinate-lines';
import type { KernelBody } from '../codegen/kernel-body';
import { offsetExpression } from '../codegen/offset-expression';
import type { GpuBuffer } from '../gpu-buffer';
import type { KernelPlan } from './kernel-plan';
import { kernelSource } from './kernel-source';
import { shapeKey } from './shape-key';

/**
 * Plans an elementwise kernel (copy, unary, binary, where): every input is read through its own
 * strides at the output position, so broadcasting (stride 0), transposes, slices and offsets
 * cost nothing. Dims that all inputs walk contiguously are merged first, so the kernel of a
 * contiguous op is a single flat read per input. `body` combines the values `v0, v1, …` and the
 * names of the per-call `scalars` (kernel arguments after the offsets, so their values are never
 * baked into the source or the key: changing them does not recompile).
 *
 * @example
 * ```ts
 * const plan = elementwisePlan('unary:exp', 'float32', [a], ([v]) => ({ lines: [], expr: `Math.exp(${v})` }));
 * const scaled = elementwisePlan('scale', 'float32', [a], ([v], [s]) => ({ lines: [], expr: `${v} * ${s}` }), [0.5]);
 * ```
 */
export function elementwisePlan(
  tag: string,
  dtype: DType,
  inputs: readonly View<GpuBuffer>[],
  body: (values: string[], scalars: string[]) => KernelBody,
  scalars: readonly number[] = [],
): KernelPlan {
  const shape = inputs[0].shape;
  const dims = coalesceDims(
    shape,
    inputs.map((x) => x.strides),
  );
  let size = 1;
  for (const d of shape) size *= d;
  const key = `${tag}>${dtype}|${shapeKey(dims.shape)}|${dims.strides.map(shapeKey).join('')}`;
  return {
    key,
    size,
    buffers: inputs.map((x) => x.buffer),
    scalars: [...inputs.map((x) => x.offset), ...scalars],
    source: () => {
      const { lines, coords } = coordinateLines(dims.shape, 'i', 'c');
      const values = inputs.map((_, k) => `v${k}`);
      inputs.forEach((_, k) => {
        lines.push(`const v${k} = x${k}[${offsetExpression(`p${k}`, coords, dims.strides[k])}];`);
      });
      const names = scalars.map((_, k) => `p${inputs.length + k}`);
      const b = body(values, names);
      lines.push(...b.lines, `const r = ${b.expr};`);
      const scalarCount = inputs.length + scalars.length;
      return kernelSource(inputs.length, scalarCount, lines, castExpression('r', dtype));
    },
  };
}
