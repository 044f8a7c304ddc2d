import type { DType, View } from '@torchlet/tensor';
import { attentionMaskRowLines } from '../codegen/attention-mask-row-lines';
import { attentionNanRowLines } from '../codegen/attention-nan-row-lines';
import { attentionScoreLines } from '../codegen/attention-score-lines';
import { castExpression } from '../codegen/cast-expression';
import { coordinateLines } from '../codegen/coordinate-lines';
import type { GpuBuffer } from '../gpu-buffer';
import { attentionKey } from './attention-key';
import type { AttentionLayout, AttentionOptions } from './attention-layout';
import type { KernelPlan } from './kernel-plan';
import { kernelSource } from './kernel-source';
import { rowLayout } from './row-layout';

/**
 * Plans the attention weights `P∘drop` (`[batch, L, S]`, one thread per weight), recomputed
 * from each row's log-sum-exp: the thread takes its score `q_i·k_j·scale (+ mask)` (a dot
 * product whose bound `E` is a literal) and returns `exp(s − logSumExp)` times its dropout
 * multiplier. Keys left out by `causal` (`j > i`, from the indices), by a bool mask or by an
 * additive −∞ give 0, so does every key of a row that kept none (log-sum-exp −∞). A NaN score or
 * log-sum-exp is returned as read, not through `exp` (a GPU may clamp its input); keys after
 * the query stay 0 in such a row, as on the CPU backend. The forward multiplies these by `v`
 * and frees them; the backward multiplies their transpose by the output's gradient. The scale
 * is a number argument.
 *
 * @example
 * ```ts
 * const plan = attentionWeightsPlan(q, k, lse, null, null, layout, { causal: true, scale: 0.25 }, 'float32');
 * ```
 */
export function attentionWeightsPlan(
  q: View<GpuBuffer>,
  k: View<GpuBuffer>,
  logSumExp: View<GpuBuffer>,
  mask: View<GpuBuffer> | null,
  dropout: View<GpuBuffer> | null,
  layout: AttentionLayout,
  options: AttentionOptions,
  dtype: DType,
): KernelPlan {
  rowLayout('attention', logSumExp);
  const { batch, L, S, E } = layout;
  // Arrays: x0 q, x1 k, x2 logSumExp, then the mask and the dropout when given; numbers: their
  // offsets, then the scale.
  const inputs = [q, k, logSumExp, mask, dropout].filter((x): x is View<GpuBuffer> => x !== null);
  const n = inputs.length;
  const dropName = mask === null ? 3 : 4;
  return {
    key: attentionKey('weights', layout, options.causal, dropout !== null, dtype),
    size: batch * L * S,
    buffers: inputs.map((x) => x.buffer),
    scalars: [...inputs.map((x) => x.offset), options.scale],
    source: () => {
      const { lines, coords } = coordinateLines([batch, L, S], 'i', 'c');
      const [b, qi, kj] = coords;
      lines.push(
        `const r = ${b} * ${L} + ${qi};`,
        `const qr = p0 + r * ${E};`,
        `const kr = p1 + (${b} * ${S} + ${kj}) * ${E};`,
        'const lse = x2[p2 + r];',
        // −∞ as −1/0 of a run-time zero: gpu.js writes an Infinity literal as the largest float.
        'const z = p0 * 0;',
        'const ninf = -1 / z;',
      );
      if (layout.mask !== null) lines.push(...attentionMaskRowLines(layout.mask, b, qi, 'p3'));
      lines.push('let w = 0;');
      const names = { q: 'x0', qRow: 'qr', k: 'x1', kRow: 'kr', mask: 'x3', i: qi, j: kj };
      lines.push(
        ...attentionScoreLines(
          layout,
          options.causal,
          { ...names, scale: `p${n}` },
          [
            'if (s > ninf) {',
            '  if (lse > ninf) {',
            '    w = Math.exp(s - lse);',
            '  } else {',
            '    w = lse;',
            '  }',
            '} else if (!(s <= ninf) || s !== s) {',
            '  w = s;',
            '}',
          ],
          attentionNanRowLines('w'),
        ),
      );
      if (dropout !== null) lines.push(`w = w * x${dropName}[p${dropName} + i];`);
      return kernelSource(n, n + 1, lines, castExpression('w', dtype));
    },
  };
}
