import type { DType, View } from '@torchlet/tensor';
import { castExpression } from '../codegen/cast-expression';
import { coordinateLines } from '../codegen/coordinate-lines';
import type { GpuBuffer } from '../gpu-buffer';
import type { KernelPlan } from './kernel-plan';
import { kernelSource } from './kernel-source';
import { rowLayout } from './row-layout';
import { shapeKey } from './shape-key';

/**
 * The three kernels of layer norm's backward, one output each.
 *
 * @example
 * ```ts
 * const { gradInput, gradWeight, gradBias }: LayerNormBackwardPlans = layerNormBackwardPlans(g, x, mean, rstd, w, 'float32');
 * ```
 */
export interface LayerNormBackwardPlans {
  /** `[rows, cols]`, one thread per element. */
  readonly gradInput: KernelPlan;
  /** `[cols]`, one thread per column. */
  readonly gradWeight: KernelPlan;
  /** `[cols]`, one thread per column. */
  readonly gradBias: KernelPlan;
}

/**
 * Plans the gradients of layer norm, with `x̂ = (x − mean)·rstd` and `ĝ = grad·weight` (or
 * `grad` without a weight): the input gradient `rstd·(ĝ − mean(ĝ) − x̂·mean(ĝ·x̂))` has one
 * thread per element, looping over its row for both means; the weight gradient `Σ grad·x̂` and
 * the bias gradient `Σ grad` have one thread per column, looping over the rows. Both loop
 * bounds are literals, so the keys hold the shape (and whether there is a weight).
 *
 * @example
 * ```ts
 * const plans = layerNormBackwardPlans(grad, x, mean, rstd, null, 'float32');
 * ```
 */
export function layerNormBackwardPlans(
  grad: View<GpuBuffer>,
  x: View<GpuBuffer>,
  mean: View<GpuBuffer>,
  rstd: View<GpuBuffer>,
  weight: View<GpuBuffer> | null,
  dtype: DType,
): LayerNormBackwardPlans {
  const { rows, cols } = rowLayout('layerNormBackward', x);
  for (const v of [grad, mean, rstd, weight]) if (v !== null) rowLayout('layerNormBackward', v);
  const shape = shapeKey([rows, cols]);
  // Arrays: x0 grad, x1 x, x2 mean, x3 rstd, x4 weight (when given); p0… their offsets.
  const inputs = [grad, x, mean, rstd];
  const gradInput: KernelPlan = {
    key: `layerNormBackward:input${weight === null ? '' : ':w'}>${dtype}|${shape}`,
    size: rows * cols,
    buffers: [...inputs, ...(weight === null ? [] : [weight])].map((v) => v.buffer),
    scalars: [...inputs, ...(weight === null ? [] : [weight])].map((v) => v.offset),
    source: () => {
      const { lines, coords } = coordinateLines([rows, cols], 'i', 'c');
      const [row, col] = coords;
      const scaled = (k: string): string =>
        weight === null ? `x0[bg + ${k}]` : `x0[bg + ${k}] * x4[p4 + ${k}]`;
      lines.push(
        `const bg = p0 + ${row} * ${cols};`,
        `const bx = p1 + ${row} * ${cols};`,
        `const mu = x2[p2 + ${row}];`,
        `const rs = x3[p3 + ${row}];`,
        'let sg = 0;',
        'let sgx = 0;',
        `for (let k = 0; k < ${cols}; k++) {`,
        `  const gk = ${scaled('k')};`,
        '  sg = sg + gk;',
        '  sgx = sgx + gk * ((x1[bx + k] - mu) * rs);',
        '}',
        `const mg = sg / ${cols};`,
        `const mgx = sgx / ${cols};`,
        `const xh = (x1[bx + ${col}] - mu) * rs;`,
        `const r = rs * (${scaled(col)} - mg - xh * mgx);`,
      );
      const n = weight === null ? 4 : 5;
      return kernelSource(n, n, lines, castExpression('r', dtype));
    },
  };
  const columnSum = (name: 'weight' | 'bias'): KernelPlan => {
    const used = name === 'weight' ? inputs : [grad];
    return {
      key: `layerNormBackward:${name}>${dtype}|${shape}`,
      size: cols,
      buffers: used.map((v) => v.buffer),
      scalars: used.map((v) => v.offset),
      source: () => {
        const term =
          name === 'weight'
            ? `x0[p0 + j * ${cols} + i] * ((x1[p1 + j * ${cols} + i] - x2[p2 + j]) * x3[p3 + j])`
            : `x0[p0 + j * ${cols} + i]`;
        const lines = ['let acc = 0;'];
        if (rows > 0) {
          lines.push(`for (let j = 0; j < ${rows}; j++) {`, `  acc = acc + ${term};`, '}');
        }
        return kernelSource(used.length, used.length, lines, castExpression('acc', dtype));
      },
    };
  };
  return { gradInput, gradWeight: columnSum('weight'), gradBias: columnSum('bias') };
}
