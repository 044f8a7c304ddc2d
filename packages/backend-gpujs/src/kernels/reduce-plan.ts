import type { DType, ReduceOp, View } from '@torchlet/tensor';
import { castExpression } from '../codegen/cast-expression';
import { coalesceDims } from '../codegen/coalesce-dims';
import { coordinateLines } from '../codegen/coordinate-lines';
import { offsetExpression } from '../codegen/offset-expression';
import type { GpuBuffer } from '../gpu-buffer';
import type { KernelPlan } from './kernel-plan';
import { kernelSource } from './kernel-source';
import { shapeKey } from './shape-key';

/**
 * Plans a reduction over `dims`: one thread per output element walks the reduced elements in
 * nested loops whose bounds are the (merged) reduced sizes, constants of the compiled kernel
 * as GLSL requires. max/min propagate NaN and argmax/argmin report the first NaN or the first
 * of equal extremes, like the CPU backend. NaN is detected twice, as "neither above nor at or
 * below the best so far" and as `v !== v`: Mesa folds the first away, and another compiler might
 * fold the second. max/min start from the first reduced element, not from ∓Infinity, which
 * gpu.js writes as the largest finite float (so an all-−∞ max would return −3.4e38).
 *
 * @example
 * ```ts
 * const plan = reducePlan('sum', x, [1], 'float32');
 * ```
 */
export function reducePlan(
  op: ReduceOp,
  x: View<GpuBuffer>,
  dims: readonly number[],
  dtype: DType,
): KernelPlan {
  const keptShape: number[] = [];
  const keptStrides: number[] = [];
  const redShape: number[] = [];
  const redStrides: number[] = [];
  x.shape.forEach((size, d) => {
    if (dims.includes(d)) {
      redShape.push(size);
      redStrides.push(x.strides[d]);
    } else {
      keptShape.push(size);
      keptStrides.push(x.strides[d]);
    }
  });
  const kept = coalesceDims(keptShape, [keptStrides]);
  const reduced = coalesceDims(redShape, [redStrides]);
  let size = 1;
  for (const d of keptShape) size *= d;
  const key =
    `reduce:${op}>${dtype}|${shapeKey(kept.shape)}${shapeKey(kept.strides[0])}` +
    `|${shapeKey(reduced.shape)}${shapeKey(reduced.strides[0])}`;
  return {
    key,
    size,
    buffers: [x.buffer],
    scalars: [x.offset],
    source: () => {
      const { lines, coords } = coordinateLines(kept.shape, 'i', 'c');
      lines.push(`const b = ${offsetExpression('p0', coords, kept.strides[0])};`);
      const loops = reduced.shape.map((_, d) => `j${d}`);
      const read = `const v = x0[${offsetExpression('b', loops, reduced.strides[0])}];`;
      const arg = op === 'argmax' || op === 'argmin';
      const update = updateLines(op);
      if (arg) update.push('j = j + 1;');
      const first = reduced.shape.every((d) => d > 0) ? 'x0[b]' : null;
      lines.push(...initLines(op, first));
      if (arg) lines.push('let j = 0;');
      const inner = [read, ...update];
      // Nested loops, innermost last; each bound is a literal of this kernel.
      let block = inner;
      for (let d = loops.length - 1; d >= 0; d--) {
        const n = loops[d];
        block = [
          `for (let ${n} = 0; ${n} < ${reduced.shape[d]}; ${n}++) {`,
          ...block.map((l) => `  ${l}`),
          '}',
        ];
      }
      lines.push(...block);
      lines.push(`const r = ${arg ? 'at' : 'acc'};`);
      return kernelSource(1, 1, lines, castExpression('r', dtype));
    },
  };
}

/** `first` reads the first reduced element, or is null when nothing is reduced. */
function initLines(op: ReduceOp, first: string | null): string[] {
  switch (op) {
    case 'sum':
      return ['let acc = 0;'];
    case 'max':
    case 'argmax':
      return [`let acc = ${first ?? '-Infinity'};`, 'let at = 0;', 'let nan = 0;'];
    case 'min':
    case 'argmin':
      return [`let acc = ${first ?? 'Infinity'};`, 'let at = 0;', 'let nan = 0;'];
  }
}

function updateLines(op: ReduceOp): string[] {
  const pick = (better: string, notWorse: string): string[] =>
    [
      'if (nan === 0) {',
      `  if (v ${better} acc) {`,
      '    acc = v;',
      op.startsWith('arg') ? '    at = j;' : '',
      `  } else if (!(v ${notWorse} acc) || v !== v) {`,
      '    acc = v;',
      op.startsWith('arg') ? '    at = j;' : '',
      '    nan = 1;',
      '  }',
      '}',
    ].filter((l) => l !== '');
  switch (op) {
    case 'sum':
      return ['acc = acc + v;'];
    case 'max':
    case 'argmax':
      return pick('>', '<=');
    case 'min':
    case 'argmin':
      return pick('<', '>=');
  }
}
