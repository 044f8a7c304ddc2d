import type { DType, View } from '@torchlet/tensor';
import { attentionMaskRowLines } from '../codegen/attention-mask-row-lines';
import { attentionScoreLines } from '../codegen/attention-score-lines';
import { castExpression } from '../codegen/cast-expression';
import { coordinateLines } from '../codegen/coordinate-lines';
import type { GpuBuffer } from '../gpu-buffer';
import { attentionKey } from './attention-key';
import { attentionLayout, type AttentionOptions } from './attention-layout';
import { attentionWeightsPlan } from './attention-weights-plan';
import type { KernelPlan } from './kernel-plan';
import { kernelSource } from './kernel-source';
import { matmulPlan } from './matmul-plan';

/**
 * The three kernels of the attention forward, one output each, run in order: the log-sum-exp,
 * the weights that read it, the output that reads the weights (which the caller then frees).
 *
 * @example
 * ```ts
 * const plans: AttentionPlans = attentionPlans(q, k, v, null, null, { causal: true, scale: 0.25 }, 'float32');
 * ```
 */
export interface AttentionPlans {
  /** `[batch, L]`, one thread per query row: the log-sum-exp of its scores. */
  readonly logSumExp: KernelPlan;
  /** `[batch, L, S]`, one thread per weight: `exp(s − logSumExp)`, times the dropout. */
  readonly weights: (logSumExp: GpuBuffer) => KernelPlan;
  /** `[batch, L, Ev]`: the weights times `v`, as a batched matmul. */
  readonly output: (weights: GpuBuffer) => KernelPlan;
}

/**
 * Plans scaled dot-product attention `softmax(q·kᵀ·scale + mask)·v` (see the Backend spec's
 * `attention`) as three gpu.js kernels. The log-sum-exp kernel has one thread per query row,
 * walking the row's keys once (a loop bounded by the literal `S`, each step a dot product
 * bounded by `E`) with a running max and a sum rescaled whenever the max grows. The causal mask
 * is a test on the indices (`j ≤ i`) and keys left out skip the dot product; a bool mask is
 * read through its strides (0 where it broadcasts), an additive one is added. A row that keeps
 * no key gets −∞ (its weights are then 0), a row holding a NaN score gets that NaN. Then
 * {@link attentionWeightsPlan} materialises the weights, the one `L×S` buffer per head, and
 * `matmulPlan` multiplies them by `v`. Only the causal flag, the mask's layout, dropout's
 * presence, the dtype and the sizes are in the keys; the scale and the offsets are arguments.
 *
 * @example
 * ```ts
 * const plans = attentionPlans(q, k, v, mask, null, { causal: false, scale: 0.125 }, 'float32');
 * const logSumExp = launch(plans.logSumExp);
 * const weights = launch(plans.weights(logSumExp));
 * const output = launch(plans.output(weights));
 * free(weights);
 * ```
 */
export function attentionPlans(
  q: View<GpuBuffer>,
  k: View<GpuBuffer>,
  v: View<GpuBuffer>,
  mask: View<GpuBuffer> | null,
  dropout: View<GpuBuffer> | null,
  options: AttentionOptions,
  dtype: DType,
): AttentionPlans {
  const layout = attentionLayout('attention', q, k, v, mask, dropout);
  const { batch, L, S, E } = layout;
  // Arrays: x0 q, x1 k, x2 the mask when given; numbers: their offsets, then the scale.
  const inputs = mask === null ? [q, k] : [q, k, mask];
  const n = inputs.length;
  const logSumExp: KernelPlan = {
    key: attentionKey('logSumExp', layout, options.causal, false, dtype),
    size: batch * L,
    buffers: inputs.map((x) => x.buffer),
    scalars: [...inputs.map((x) => x.offset), options.scale],
    source: () => {
      const { lines, coords } = coordinateLines([batch, L], 'i', 'c');
      const [b, qi] = coords;
      lines.push(
        `const qr = p0 + i * ${E};`,
        `const kb = p1 + ${b} * ${S * E};`,
        'const z = p0 * 0;',
        'const ninf = -1 / z;',
      );
      if (layout.mask !== null) lines.push(...attentionMaskRowLines(layout.mask, b, qi, 'p2'));
      // `m` is the max so far and `l` = Σ exp(s − m); `have` says a finite or +∞ score came.
      lines.push('let m = 0;', 'let l = 0;', 'let have = 0;', 'let nan = 0;', 'let nv = 0;');
      const names = { q: 'x0', qRow: 'qr', k: 'x1', kRow: 'kr', mask: 'x2', i: qi, j: 'j' };
      const step = attentionScoreLines(layout, options.causal, { ...names, scale: `p${n}` }, [
        'if (s > ninf) {',
        '  if (have === 0) {',
        '    m = s;',
        '    l = 1;',
        '    have = 1;',
        '  } else if (s > m) {',
        '    l = l * Math.exp(m - s) + 1;',
        '    m = s;',
        '  } else {',
        '    l = l + Math.exp(s - m);',
        '  }',
        // NaN fails both tests (the second one doubled: Mesa folds `!(s <= x)` after `s > x`).
        '} else if (!(s <= ninf) || s !== s) {',
        '  nan = 1;',
        '  nv = s;',
        '}',
      ]);
      if (S > 0) {
        lines.push(
          `for (let j = 0; j < ${S}; j++) {`,
          `  const kr = kb + j * ${E};`,
          ...step.map((l) => `  ${l}`),
          '}',
        );
      }
      lines.push(
        'let r = ninf;',
        'if (have === 1) {',
        '  r = m + Math.log(l);',
        '}',
        'if (nan === 1) {',
        '  r = nv;',
        '}',
      );
      return kernelSource(n, n + 1, lines, castExpression('r', dtype));
    },
  };
  const lseView = (buffer: GpuBuffer): View<GpuBuffer> => ({
    buffer,
    dtype,
    shape: [batch, L],
    strides: [L, 1],
    offset: 0,
  });
  const weightsView = (buffer: GpuBuffer): View<GpuBuffer> => ({
    buffer,
    dtype,
    shape: [batch, L, S],
    strides: [L * S, S, 1],
    offset: 0,
  });
  return {
    logSumExp,
    weights: (lse) =>
      attentionWeightsPlan(q, k, lseView(lse), mask, dropout, layout, options, dtype),
    output: (weights) => matmulPlan(weightsView(weights), v, dtype),
  };
}
