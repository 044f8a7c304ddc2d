import type { Generator } from './generator';
import { uniformFloat64 } from './uniform-float64';

/**
 * PyTorch 1.13's CPU `multinomial_with_replacement` kernel on validated weights: `probs` holds
 * `rows` distributions of `cols` non-negative, finite weights with a positive, finite sum, row
 * after row. For each row it builds the cumulative sums in the weights' own precision (float32
 * sums round at every step, as the C++ loop does), divides them by the total, forces the last to
 * 1, then for each sample draws one float64 uniform `u` and binary-searches the first bucket whose
 * cumulative value is not below `u`. Rows are sampled in order, each sample taking two 32-bit
 * draws, so the generator ends where PyTorch's does.
 *
 * @example
 * ```ts
 * multinomialWithReplacement(new Generator(0), new Float32Array([1, 3]), 1, 2, 4);
 * // Int32Array [1, 1, 1, 1], as torch.multinomial(w, 4, True) after torch.manual_seed(0)
 * ```
 */
export function multinomialWithReplacement(
  generator: Generator,
  probs: Float32Array | Float64Array,
  rows: number,
  cols: number,
  numSamples: number,
): Int32Array {
  const out = new Int32Array(rows * numSamples);
  const single = probs instanceof Float32Array;
  const cum = single ? new Float32Array(cols) : new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    let sum = 0;
    for (let j = 0; j < cols; j++) {
      sum = single ? Math.fround(sum + probs[base + j]!) : sum + probs[base + j]!;
      cum[j] = sum;
    }
    // Storing into a Float32Array rounds the double quotient once more: for a quotient of two
    // floats that is the correctly rounded float32 division.
    for (let j = 0; j < cols; j++) cum[j] = cum[j]! / sum;
    cum[cols - 1] = 1;
    for (let s = 0; s < numSamples; s++) {
      const u = uniformFloat64(generator);
      let left = 0;
      let right = cols;
      while (right - left > 0) {
        const mid = left + ((right - left) >> 1);
        if (cum[mid]! < u) left = mid + 1;
        else right = mid;
      }
      out[r * numSamples + s] = left;
    }
  }
  return out;
}
