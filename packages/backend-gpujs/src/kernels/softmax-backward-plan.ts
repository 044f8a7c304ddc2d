import type { DType, View } from '@torchlet/tensor';
import { castExpression } from '../codegen/cast-expression';
import { coordinateLines } from '../codegen/coordinate-lines';
import type { GpuBuffer } from '../gpu-buffer';
import type { KernelPlan } from './kernel-plan';
import { kernelSource } from './kernel-source';
import { rowLayout } from './row-layout';
import { shapeKey } from './shape-key';

/**
 * Plans the input gradient of the fused softmax from its `output` y and the output's `grad` g,
 * one thread per element looping over its row (bound `cols`, a literal): softmax gives
 * `y · (g − Σ g·y)`, log-softmax `g − exp(y) · Σ g`.
 *
 * @example
 * ```ts
 * const plan = softmaxBackwardPlan(grad, output, false, 'float32');
 * ```
 */
export function softmaxBackwardPlan(
  grad: View<GpuBuffer>,
  output: View<GpuBuffer>,
  log: boolean,
  dtype: DType,
): KernelPlan {
  const { rows, cols } = rowLayout('softmaxBackward', output);
  rowLayout('softmaxBackward', grad);
  return {
    key: `softmaxBackward:${log ? 'log' : 'exp'}>${dtype}|${shapeKey([rows, cols])}`,
    size: rows * cols,
    buffers: [grad.buffer, output.buffer],
    scalars: [grad.offset, output.offset],
    source: () => {
      const { lines, coords } = coordinateLines([rows, cols], 'i', 'c');
      const [row, col] = coords;
      lines.push(
        `const bg = p0 + ${row} * ${cols};`,
        `const by = p1 + ${row} * ${cols};`,
        'let s = 0;',
        `for (let k = 0; k < ${cols}; k++) {`,
        log ? '  s = s + x0[bg + k];' : '  s = s + x0[bg + k] * x1[by + k];',
        '}',
        `const g = x0[bg + ${col}];`,
        `const y = x1[by + ${col}];`,
        log ? 'const r = g - Math.exp(y) * s;' : 'const r = y * (g - s);',
      );
      return kernelSource(2, 2, lines, castExpression('r', dtype));
    },
  };
}
