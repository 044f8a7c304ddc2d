import type { DType, View } from '@torchlet/tensor';
import { castExpression } from '../codegen/cast-expression';
import { coordinateLines } from '../codegen/coordinate-lines';
import { rowMomentsLines } from '../codegen/row-moments-lines';
import type { GpuBuffer } from '../gpu-buffer';
import type { KernelPlan } from './kernel-plan';
import { kernelSource } from './kernel-source';
import { rowLayout } from './row-layout';
import { shapeKey } from './shape-key';

/**
 * The three kernels of the fused layer norm, one output each (a gpu.js kernel writes one array).
 *
 * @example
 * ```ts
 * const { output, mean, rstd }: LayerNormPlans = layerNormPlans(x, w, b, 1e-5, 'float32');
 * ```
 */
export interface LayerNormPlans {
  /** `(x − mean)·rstd·weight + bias`, one thread per element. */
  readonly output: KernelPlan;
  /** One thread per row. */
  readonly mean: KernelPlan;
  /** One thread per row. */
  readonly rstd: KernelPlan;
}

/**
 * Plans layer norm over the rows of `x` (`[rows, cols]`, contiguous): the output kernel's
 * threads each compute their row's mean and (biased, centred two-pass) variance in loops bounded
 * by the literal `cols`, then normalise their element and apply `weight` and `bias` (`[cols]`,
 * when given); the mean and rstd kernels run the same statistics code once per row. `eps` is a
 * per-call number argument; the keys hold the shape and which of weight and bias are given.
 *
 * @example
 * ```ts
 * const plans = layerNormPlans(x, weight, null, 1e-5, 'float32');
 * ```
 */
export function layerNormPlans(
  x: View<GpuBuffer>,
  weight: View<GpuBuffer> | null,
  bias: View<GpuBuffer> | null,
  eps: number,
  dtype: DType,
): LayerNormPlans {
  const { rows, cols } = rowLayout('layerNorm', x);
  if (weight !== null) rowLayout('layerNorm', weight);
  if (bias !== null) rowLayout('layerNorm', bias);
  const shape = shapeKey([rows, cols]);
  const affine = `${weight === null ? '' : 'w'}${bias === null ? '' : 'b'}`;
  const extra = [weight, bias].filter((v): v is View<GpuBuffer> => v !== null);
  // Arrays x0 (x), then weight and bias when given; numbers: their offsets, then eps.
  const arrays = 1 + extra.length;
  const epsName = `p${arrays}`;
  const output: KernelPlan = {
    key: `layerNorm:${affine}>${dtype}|${shape}`,
    size: rows * cols,
    buffers: [x.buffer, ...extra.map((v) => v.buffer)],
    scalars: [x.offset, ...extra.map((v) => v.offset), eps],
    source: () => {
      const { lines, coords } = coordinateLines([rows, cols], 'i', 'c');
      const [row, col] = coords;
      lines.push(`const b = p0 + ${row} * ${cols};`, ...rowMomentsLines('x0', 'b', cols, epsName));
      lines.push(`let y = (x0[b + ${col}] - mu) * rs;`);
      if (weight !== null) lines.push(`y = y * x1[p1 + ${col}];`);
      const at = weight === null ? 1 : 2;
      if (bias !== null) lines.push(`y = y + x${at}[p${at} + ${col}];`);
      return kernelSource(arrays, arrays + 1, lines, castExpression('y', dtype));
    },
  };
  const statistic = (name: 'mean' | 'rstd'): KernelPlan => ({
    key: `layerNorm:${name}>${dtype}|${shape}`,
    size: rows,
    buffers: [x.buffer],
    scalars: name === 'mean' ? [x.offset] : [x.offset, eps],
    source: () => {
      const lines = [
        `const b = p0 + i * ${cols};`,
        ...rowMomentsLines('x0', 'b', cols, name === 'mean' ? null : 'p1'),
      ];
      const result = name === 'mean' ? 'mu' : 'rs';
      return kernelSource(1, name === 'mean' ? 1 : 2, lines, castExpression(result, dtype));
    },
  });
  return { output, mean: statistic('mean'), rstd: statistic('rstd') };
}
