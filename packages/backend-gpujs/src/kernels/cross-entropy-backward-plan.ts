import type { DType, View } from '@torchlet/tensor';
import { castExpression } from '../codegen/cast-expression';
import { coordinateLines } from '../codegen/coordinate-lines';
import type { GpuBuffer } from '../gpu-buffer';
import type { KernelPlan } from './kernel-plan';
import { kernelSource } from './kernel-source';
import { rowLayout } from './row-layout';
import { shapeKey } from './shape-key';

/**
 * Plans the logits' gradient of the fused cross entropy, `scale · (softmax(x) − onehot(target))`
 * on kept rows and 0 on rows whose target is `ignoreIndex`: one thread per element reads its
 * row's target and log-sum-exp (from the forward) and the 1-element `scale`, so nothing loops.
 * `softmax(x)` is `exp(x − logSumExp)`; a NaN log-sum-exp (a row holding NaN or +∞) is returned
 * as read rather than through `exp`, which a GPU may evaluate on a clamped input. `ignoreIndex`
 * is a per-call number argument, never in the key.
 *
 * @example
 * ```ts
 * const plan = crossEntropyBackwardPlan(scale, logits, target, logSumExp, -100, 'float32');
 * ```
 */
export function crossEntropyBackwardPlan(
  scale: View<GpuBuffer>,
  logits: View<GpuBuffer>,
  target: View<GpuBuffer>,
  logSumExp: View<GpuBuffer>,
  ignoreIndex: number,
  dtype: DType,
): KernelPlan {
  const { cols } = rowLayout('crossEntropyBackward', logits);
  for (const v of [scale, target, logSumExp]) rowLayout('crossEntropyBackward', v);
  const rows = logits.shape[0];
  const inputs = [scale, logits, target, logSumExp];
  // Arrays: x0 scale, x1 logits, x2 target, x3 logSumExp; p0…p3 their offsets, p4 ignoreIndex.
  return {
    key: `crossEntropyBackward>${dtype}|${shapeKey([rows, cols])}`,
    size: rows * cols,
    buffers: inputs.map((v) => v.buffer),
    scalars: [...inputs.map((v) => v.offset), ignoreIndex],
    source: () => {
      const { lines, coords } = coordinateLines([rows, cols], 'i', 'c');
      const [row, col] = coords;
      lines.push(
        `const t = x2[p2 + ${row}];`,
        'let r = 0;',
        'if (t !== p4) {',
        '  const s = x0[p0];',
        `  const l = x3[p3 + ${row}];`,
        `  r = s * Math.exp(x1[p1 + ${row} * ${cols} + ${col}] - l);`,
        `  if (${col} === t) {`,
        '    r = r - s;',
        '  }',
        '  if (l !== l) {',
        '    r = l;',
        '  }',
        '}',
      );
      return kernelSource(4, 5, lines, castExpression('r', dtype));
    },
  };
}
