import type { ReduceOp } from '../../backend';
import type { DType } from '../../dtype';
import { conformanceTolerance } from './conformance-tolerance';
import { numelOf } from './numel-of';
import { ravel } from './ravel';
import { unravel } from './unravel';

/** A reference reduction: its values, their accumulation slack and its shape. */
export interface Reduced {
  values: number[];
  /** Per output element: accumulation slack for sums (0 for the other ops). */
  slack: number[];
  shape: number[];
}

/** Naive reduction: loops over every output position and every reduced position. */
export function referenceReduce(
  op: ReduceOp,
  values: readonly number[],
  shape: readonly number[],
  dims: readonly number[],
  dtype: DType,
): Reduced {
  const outShape = shape.map((s, d) => (dims.includes(d) ? 1 : s));
  const redShape = dims.map((d) => shape[d]);
  const outN = numelOf(outShape);
  const redN = numelOf(redShape);
  const u =
    dtype === 'float64'
      ? conformanceTolerance.float64.unitRoundoff
      : conformanceTolerance.float32.unitRoundoff;
  const out: number[] = [];
  const slack: number[] = [];
  for (let o = 0; o < outN; o++) {
    const idx = unravel(o, outShape);
    const items: number[] = [];
    for (let r = 0; r < redN; r++) {
      const ridx = unravel(r, redShape);
      dims.forEach((d, j) => (idx[d] = ridx[j]));
      items.push(values[ravel(idx, shape)]);
    }
    let result: number;
    let magnitude = 0;
    switch (op) {
      case 'sum':
        result = 0;
        for (const v of items) {
          result += v;
          magnitude += Math.abs(v);
        }
        break;
      case 'max':
        result = items.some((v) => v !== v) ? NaN : Math.max(...items);
        break;
      case 'min':
        result = items.some((v) => v !== v) ? NaN : Math.min(...items);
        break;
      case 'argmax':
      case 'argmin': {
        // The first NaN wins; otherwise the first of equal extremes, as in PyTorch.
        const nan = items.findIndex((v) => v !== v);
        if (nan >= 0) result = nan;
        else {
          const best = op === 'argmax' ? Math.max(...items) : Math.min(...items);
          result = items.indexOf(best);
        }
        break;
      }
    }
    out.push(result);
    slack.push(redN * u * magnitude);
  }
  return { values: out, slack, shape: outShape };
}
