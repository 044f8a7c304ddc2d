import type { DType, View } from '@torchlet/tensor';
import { castExpression } from '../codegen/cast-expression';
import { rowMaxLines } from '../codegen/row-max-lines';
import type { GpuBuffer } from '../gpu-buffer';
import type { KernelPlan } from './kernel-plan';
import { kernelSource } from './kernel-source';
import { rowLayout } from './row-layout';
import { shapeKey } from './shape-key';

/**
 * The kernels of the fused cross entropy that read the logits, one output each. `nll` is an
 * intermediate: {@link crossEntropyLossPlan} sums it into the loss, and the caller then frees it.
 *
 * @example
 * ```ts
 * const { logSumExp, nll, count }: CrossEntropyPlans = crossEntropyPlans(x, t, -100, 'float32');
 * ```
 */
export interface CrossEntropyPlans {
  /** `[rows]`, one thread per row: `max + log Σ exp(x − max)`. */
  readonly logSumExp: KernelPlan;
  /** `[rows]`, one thread per row: the row's `−log softmax(x)[target]`, 0 on ignored rows. */
  readonly nll: KernelPlan;
  /** 1 element, one thread looping over the targets: the number of kept rows. */
  readonly count: KernelPlan;
}

/**
 * Plans the fused cross entropy of contiguous `[rows, cols]` logits against int32 class indices
 * `target` (`[rows]`, contiguous): the log-sum-exp and the per-row loss have one thread per row,
 * each walking its row for the max and for `Σ exp(x − max)` in loops bounded by the literal
 * `cols`, as `softmaxPlan` does (a NaN in the row is found by the max loop and returned as read).
 * The per-row loss is `log Σ − (x[target] − max)`, the CPU kernel's and PyTorch's log-softmax
 * order, which stays exact near large logits where `logSumExp − x[target]` would round to the
 * float32 spacing of the max. `ignoreIndex` is a per-call number argument, so the keys hold only
 * the shape and the dtype. Targets are not bounds-checked on the device (a kernel cannot throw):
 * the loss ops check them first.
 *
 * @example
 * ```ts
 * const plans = crossEntropyPlans(logits, target, -100, 'float32');
 * const nll = launch(plans.nll);
 * const loss = launch(crossEntropyLossPlan(nll, target, -100, true, 'float32'));
 * ```
 */
export function crossEntropyPlans(
  logits: View<GpuBuffer>,
  target: View<GpuBuffer>,
  ignoreIndex: number,
  dtype: DType,
): CrossEntropyPlans {
  const { cols } = rowLayout('crossEntropy', logits);
  rowLayout('crossEntropy', target);
  const rows = logits.shape[0];
  const shape = shapeKey([rows, cols]);
  /** Lines leaving the row's max (or its NaN, with `nan = 1`) in `mx` and `Σ exp(x − mx)` in `s`. */
  const rowLines = [
    `const b = p0 + i * ${cols};`,
    ...rowMaxLines('x0', 'b', cols),
    'let s = 0;',
    `for (let k = 0; k < ${cols}; k++) {`,
    '  s = s + Math.exp(x0[b + k] - mx);',
    '}',
  ];
  // With no classes the log-sum-exp is −∞ (made as −1/0: gpu.js turns an Infinity literal into
  // the largest finite float) and no row can be kept.
  const minusInfinity = ['const z = p0 * 0;', 'const r = -1 / z;'];
  const logSumExp: KernelPlan = {
    key: `crossEntropy:logSumExp>${dtype}|${shape}`,
    size: rows,
    buffers: [logits.buffer],
    scalars: [logits.offset],
    source: () => {
      const lines =
        cols === 0
          ? minusInfinity
          : [...rowLines, 'const y = mx + Math.log(s);', 'const r = nan === 0 ? y : mx;'];
      return kernelSource(1, 1, lines, castExpression('r', dtype));
    },
  };
  const nll: KernelPlan = {
    key: `crossEntropy:nll>${dtype}|${shape}`,
    size: rows,
    buffers: [logits.buffer, target.buffer],
    scalars: [logits.offset, target.offset, ignoreIndex],
    source: () => {
      const lines =
        cols === 0
          ? ['const r = 0;']
          : [
              ...rowLines,
              'const t = x1[p1 + i];',
              'let r = 0;',
              'if (t !== p2) {',
              '  const y = Math.log(s) - (x0[b + t] - mx);',
              '  r = nan === 0 ? y : mx;',
              '}',
            ];
      return kernelSource(2, 3, lines, castExpression('r', dtype));
    },
  };
  const count: KernelPlan = {
    key: `crossEntropy:count>${dtype}|${shapeKey([rows])}`,
    size: 1,
    buffers: [target.buffer],
    scalars: [target.offset, ignoreIndex],
    source: () => {
      const lines = ['let n = 0;'];
      if (rows > 0) {
        lines.push(
          `for (let j = 0; j < ${rows}; j++) {`,
          '  if (x0[p0 + j] !== p1) {',
          '    n = n + 1;',
          '  }',
          '}',
        );
      }
      return kernelSource(1, 2, lines, castExpression('n', dtype));
    },
  };
  return { logSumExp, nll, count };
}

/**
 * Plans the cross-entropy loss from the per-row losses `nll` (`[rows]`, 0 on ignored rows, as
 * {@link crossEntropyPlans} makes them): one thread loops over the rows (the literal bound
 * `rows`), summing the losses and counting the kept rows, and returns the sum, or with `mean` the
 * sum over the count (NaN when no row is kept, as on the CPU and in PyTorch).
 *
 * @example
 * ```ts
 * const plan = crossEntropyLossPlan(nll, target, -100, true, 'float32');
 * ```
 */
export function crossEntropyLossPlan(
  nll: View<GpuBuffer>,
  target: View<GpuBuffer>,
  ignoreIndex: number,
  mean: boolean,
  dtype: DType,
): KernelPlan {
  rowLayout('crossEntropy', target);
  const rows = target.shape[0];
  return {
    key: `crossEntropy:loss:${mean ? 'mean' : 'sum'}>${dtype}|${shapeKey([rows])}`,
    size: 1,
    buffers: [nll.buffer, target.buffer],
    scalars: [nll.offset, target.offset, ignoreIndex],
    source: () => {
      const lines = ['let total = 0;', 'let n = 0;'];
      if (rows > 0) {
        lines.push(
          `for (let j = 0; j < ${rows}; j++) {`,
          '  if (x1[p1 + j] !== p2) {',
          '    total = total + x0[p0 + j];',
          '    n = n + 1;',
          '  }',
          '}',
        );
      }
      lines.push(`const r = ${mean ? 'total / n' : 'total'};`);
      return kernelSource(2, 3, lines, castExpression('r', dtype));
    },
  };
}
