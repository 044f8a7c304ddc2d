import type { DType, View } from '@torchlet/tensor';
import { castExpression } from '../codegen/cast-expression';
import { coordinateLines } from '../codegen/coordinate-lines';
import { rowMaxLines } from '../codegen/row-max-lines';
import type { GpuBuffer } from '../gpu-buffer';
import type { KernelPlan } from './kernel-plan';
import { kernelSource } from './kernel-source';
import { rowLayout } from './row-layout';
import { shapeKey } from './shape-key';

/**
 * Plans the fused softmax (or log-softmax when `log`) over the last dim: one thread per output
 * element walks its row twice, for the row max and for `Σ exp(x − max)`, in loops whose bound
 * (`cols`) is a literal of the kernel. Shifting by the max keeps large logits finite, and
 * log-softmax is `(x − max) − log Σ` as in PyTorch: the shift is exact for nearby values, where
 * `x − (max + log Σ)` would round `max + log Σ` to the float32 spacing of max. A NaN in
 * the row makes the whole row NaN, as in PyTorch: the max loop finds it the way `reducePlan` does
 * (two tests, in case a compiler folds one) and the result is then that NaN read from the row,
 * not arithmetic on it, which a GPU `exp` may clamp to a number.
 *
 * @example
 * ```ts
 * const plan = softmaxPlan(x, true, 'float32'); // x: [rows, cols], contiguous
 * ```
 */
export function softmaxPlan(x: View<GpuBuffer>, log: boolean, dtype: DType): KernelPlan {
  const { rows, cols } = rowLayout('softmax', x);
  return {
    key: `softmax:${log ? 'log' : 'exp'}>${dtype}|${shapeKey([rows, cols])}`,
    size: rows * cols,
    buffers: [x.buffer],
    scalars: [x.offset],
    source: () => {
      const { lines, coords } = coordinateLines([rows, cols], 'i', 'c');
      const [row, col] = coords;
      lines.push(
        `const b = p0 + ${row} * ${cols};`,
        ...rowMaxLines('x0', 'b', cols),
        'let s = 0;',
        `for (let k = 0; k < ${cols}; k++) {`,
        '  s = s + Math.exp(x0[b + k] - mx);',
        '}',
        `const xv = x0[b + ${col}];`,
        log ? 'const y = xv - mx - Math.log(s);' : 'const y = Math.exp(xv - mx) / s;',
        'const r = nan === 0 ? y : mx;',
      );
      return kernelSource(1, 1, lines, castExpression('r', dtype));
    },
  };
}
