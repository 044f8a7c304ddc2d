import type { DType, View } from '@torchlet/tensor';
import { attentionMaskRowLines } from '../codegen/attention-mask-row-lines';
import { attentionNanRowLines } from '../codegen/attention-nan-row-lines';
import { attentionScoreLines } from '../codegen/attention-score-lines';
import { castExpression } from '../codegen/cast-expression';
import { coordinateLines } from '../codegen/coordinate-lines';
import { dotLines } from '../codegen/dot-lines';
import type { GpuBuffer } from '../gpu-buffer';
import { attentionKey } from './attention-key';
import { attentionLayout, type AttentionOptions } from './attention-layout';
import { attentionWeightsPlan } from './attention-weights-plan';
import type { KernelPlan } from './kernel-plan';
import { kernelSource } from './kernel-source';
import { matmulPlan } from './matmul-plan';
import { rowLayout } from './row-layout';
import { shapeKey } from './shape-key';

/**
 * The six kernels of the attention backward, one output each. `weights` and `rowDot` need
 * nothing new; `gradV` reads the weights (free them after it), `scoreGrad` reads `rowDot`, and
 * `gradQ` and `gradK` read the score gradient (free it and `rowDot` after them).
 *
 * @example
 * ```ts
 * const plans: AttentionBackwardPlans = attentionBackwardPlans(g, q, k, v, out, lse, null, null, { causal: true, scale: 0.25 }, 'float32');
 * ```
 */
export interface AttentionBackwardPlans {
  /** `[batch, L]`, one thread per query row: `Σ grad∘output` over the row. */
  readonly rowDot: KernelPlan;
  /** `[batch, L, S]`: the forward's weights `P∘drop`, recomputed (the same kernel). */
  readonly weights: KernelPlan;
  /** `[batch, S, Ev]`: `(P∘drop)ᵀ·grad`, a batched matmul. */
  readonly gradV: (weights: GpuBuffer) => KernelPlan;
  /** `[batch, L, S]`, one thread per score: `scale·P·((grad·vᵀ)∘drop − rowDot)`. */
  readonly scoreGrad: (rowDot: GpuBuffer) => KernelPlan;
  /** `[batch, L, E]`: the score gradient times `k`. */
  readonly gradQ: (scoreGrad: GpuBuffer) => KernelPlan;
  /** `[batch, S, E]`: the score gradient's transpose times `q`. */
  readonly gradK: (scoreGrad: GpuBuffer) => KernelPlan;
}

/**
 * Plans the gradients of {@link attentionPlans}' inputs from the output's gradient `grad`, the
 * forward's output and its log-sum-exp (`[batch, L]`), with the forward's mask, dropout and
 * options. The probabilities `P = exp(s − logSumExp)` are recomputed from the scores, never
 * saved: once for the weights behind `gradV`, and again inside the score gradient's threads,
 * each of which also takes its `grad_i·v_j` (a dot product bounded by `Ev`). Keys left out
 * (causal ones from the indices, `j > i`; masked ones; all of a row that kept none) give a
 * zero score gradient. At most one `L×S` buffer is alive at a time. The scale is a number
 * argument; the keys are those of the forward's kernels.
 *
 * @example
 * ```ts
 * const plans = attentionBackwardPlans(grad, q, k, v, output, lse, null, null, options, 'float32');
 * const weights = launch(plans.weights);
 * const gradV = launch(plans.gradV(weights));
 * free(weights);
 * ```
 */
export function attentionBackwardPlans(
  grad: View<GpuBuffer>,
  q: View<GpuBuffer>,
  k: View<GpuBuffer>,
  v: View<GpuBuffer>,
  output: View<GpuBuffer>,
  logSumExp: View<GpuBuffer>,
  mask: View<GpuBuffer> | null,
  dropout: View<GpuBuffer> | null,
  options: AttentionOptions,
  dtype: DType,
): AttentionBackwardPlans {
  const op = 'attentionBackward';
  const layout = attentionLayout(op, q, k, v, mask, dropout);
  const { batch, L, S, E, Ev } = layout;
  for (const x of [grad, output]) {
    rowLayout(op, x);
    if (x.shape.length !== 3 || x.shape[0] !== batch || x.shape[1] !== L || x.shape[2] !== Ev) {
      throw new RangeError(
        `${op}: the output and its gradient must have shape [${batch}, ${L}, ${Ev}], got ` +
          `[${x.shape.join(', ')}]`,
      );
    }
  }
  rowLayout(op, logSumExp);
  const causal = options.causal;
  const rowDot: KernelPlan = {
    key: `attention:rowDot>${dtype}|${shapeKey([batch * L, Ev])}`,
    size: batch * L,
    buffers: [grad.buffer, output.buffer],
    scalars: [grad.offset, output.offset],
    source: () => {
      const lines = [
        `const gr = p0 + i * ${Ev};`,
        `const ob = p1 + i * ${Ev};`,
        ...dotLines('d', 'x0', 'gr', 'x1', 'ob', Ev, 'e'),
      ];
      return kernelSource(2, 2, lines, castExpression('d', dtype));
    },
  };
  const view = (buffer: GpuBuffer, shape: number[], strides: number[]): View<GpuBuffer> => ({
    buffer,
    dtype,
    shape,
    strides,
    offset: 0,
  });
  const byRow = (buffer: GpuBuffer) => view(buffer, [batch, L, S], [L * S, S, 1]);
  const byColumn = (buffer: GpuBuffer) => view(buffer, [batch, S, L], [L * S, 1, S]);
  const scoreGrad = (rowDotBuffer: GpuBuffer): KernelPlan => {
    // Arrays: x0 q, x1 k, x2 logSumExp, x3 grad, x4 v, x5 rowDot, then the mask and the dropout
    // when given; numbers: their offsets, then the scale.
    const rows = view(rowDotBuffer, [batch, L], [L, 1]);
    const inputs = [q, k, logSumExp, grad, v, rows, mask, dropout].filter(
      (x): x is View<GpuBuffer> => x !== null,
    );
    const n = inputs.length;
    const dropName = mask === null ? 6 : 7;
    return {
      key: attentionKey('scoreGrad', layout, causal, dropout !== null, dtype),
      size: batch * L * S,
      buffers: inputs.map((x) => x.buffer),
      scalars: [...inputs.map((x) => x.offset), options.scale],
      source: () => {
        const { lines, coords } = coordinateLines([batch, L, S], 'i', 'c');
        const [b, qi, kj] = coords;
        lines.push(
          `const r = ${b} * ${L} + ${qi};`,
          `const kn = ${b} * ${S} + ${kj};`,
          `const qr = p0 + r * ${E};`,
          `const kr = p1 + kn * ${E};`,
          'const lse = x2[p2 + r];',
          `const gr = p3 + r * ${Ev};`,
          `const vr = p4 + kn * ${Ev};`,
          'const z = p0 * 0;',
          'const ninf = -1 / z;',
        );
        if (layout.mask !== null) lines.push(...attentionMaskRowLines(layout.mask, b, qi, 'p6'));
        lines.push('let d = 0;');
        const gradOfScore = [
          'const w = Math.exp(s - lse);',
          ...dotLines('g', 'x3', 'gr', 'x4', 'vr', Ev, 'f'),
          ...(dropout === null ? [] : [`g = g * x${dropName}[p${dropName} + i];`]),
          `d = p${n} * w * (g - x5[p5 + r]);`,
        ];
        const names = { q: 'x0', qRow: 'qr', k: 'x1', kRow: 'kr', mask: 'x6', i: qi, j: kj };
        lines.push(
          ...attentionScoreLines(
            layout,
            causal,
            { ...names, scale: `p${n}` },
            [
              'if (s > ninf) {',
              '  if (lse > ninf) {',
              ...gradOfScore.map((l) => `    ${l}`),
              '  } else {',
              '    d = lse;',
              '  }',
              '} else if (!(s <= ninf) || s !== s) {',
              '  d = s;',
              '}',
            ],
            attentionNanRowLines('d'),
          ),
        );
        return kernelSource(n, n + 1, lines, castExpression('d', dtype));
      },
    };
  };
  return {
    rowDot,
    weights: attentionWeightsPlan(q, k, logSumExp, mask, dropout, layout, options, dtype),
    gradV: (weights) => matmulPlan(byColumn(weights), grad, dtype),
    scoreGrad,
    gradQ: (dS) => matmulPlan(byRow(dS), k, dtype),
    gradK: (dS) => matmulPlan(byColumn(dS), q, dtype),
  };
}
