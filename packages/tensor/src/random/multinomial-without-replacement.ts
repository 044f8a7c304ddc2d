import { orderTopK } from '../ops/order-top-k';
import { fillExponential } from './fill-exponential';
import type { Generator } from './generator';

/**
 * PyTorch 1.13's CPU `multinomial` without replacement on validated weights (`rows`
 * distributions of `cols` finite, non-negative weights, row after row, each row with at least
 * `numSamples` non-zero ones). It is the exponential race, the Gumbel-max trick without logs:
 * draw `q ~ Exp(1)` for every weight, then the winners are the largest `p / q`, computed in the
 * weights' precision. One sample is `argmax` (first maximum wins, NaN above all); more are
 * `topk(numSamples)` in PyTorch's exact order (`orderTopK`, the order `topk` uses).
 *
 * PyTorch draws `q` into `empty_like(probs)`, which keeps a column-major (transposed) input's
 * layout and is filled in memory order: pass `order: 'columns'` for such an input, so that
 * `q[r, c]` is draw `c * rows + r` instead of `r * cols + c`.
 *
 * @example
 * ```ts
 * multinomialWithoutReplacement(new Generator(0), new Float32Array([1, 0, 3]), 1, 3, 2, 'rows');
 * // Int32Array [2, 0], as torch.multinomial(w, 2) after torch.manual_seed(0)
 * ```
 */
export function multinomialWithoutReplacement(
  generator: Generator,
  probs: Float32Array | Float64Array,
  rows: number,
  cols: number,
  numSamples: number,
  order: 'rows' | 'columns',
): Int32Array {
  const n = rows * cols;
  const single = probs instanceof Float32Array;
  const q = single ? new Float32Array(n) : new Float64Array(n);
  fillExponential(generator, q);
  const keys = single ? new Float32Array(cols) : new Float64Array(cols);
  const out = new Int32Array(rows * numSamples);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const qi = order === 'rows' ? r * cols + c : c * rows + r;
      keys[c] = probs[r * cols + c]! / q[qi]!; // a float32 store rounds the quotient correctly
    }
    if (numSamples === 1) {
      out[r] = argmaxFirst(keys);
    } else {
      const indices = Int32Array.from({ length: cols }, (_, i) => i);
      orderTopK(Float64Array.from(keys), indices, cols, numSamples, true, true);
      out.set(indices.subarray(0, numSamples), r * numSamples);
    }
  }
  return out;
}

/** The index of the largest value, the first one on ties; a NaN counts as larger than all. */
function argmaxFirst(values: Float32Array | Float64Array): number {
  let best = 0;
  let bestValue = values[0]!;
  if (bestValue !== bestValue) return 0;
  for (let i = 1; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) return i;
    if (v > bestValue) {
      best = i;
      bestValue = v;
    }
  }
  return best;
}
