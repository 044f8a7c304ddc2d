import { checkOptions } from '../check-options';
import { makeTensor } from '../creation/make-tensor';
import { defaultGenerator } from '../random/default-generator';
import { Generator } from '../random/generator';
import { multinomialWithReplacement } from '../random/multinomial-with-replacement';
import { multinomialWithoutReplacement } from '../random/multinomial-without-replacement';
import { formatShape } from '../shape';
import type { Tensor } from '../tensor';
import { expectTensor } from './operand';
import { describeArg } from './scalar-arg';

/** Options of {@link multinomial}. */
export interface MultinomialOptions {
  /** Draw with replacement (default false: each row's indices are distinct). */
  replacement?: boolean;
  /** The generator to draw from (default: the default generator, see `manualSeed`). */
  generator?: Generator;
}

/** PyTorch caps the categories at 2^24 everywhere (its CUDA kernel keeps indices in floats). */
const MAX_CATEGORIES = 2 ** 24;

/**
 * Draws `numSamples` category indices from each row of `probs`, like `torch.multinomial`, and
 * returns them as int32: shape `[numSamples]` for a 1-D `probs`, `[rows, numSamples]` for 2-D.
 * The weights need not sum to 1, but must be finite and non-negative, with a positive sum.
 *
 * After the same `manualSeed` it makes the same draws as PyTorch 1.13 on the CPU, and leaves the
 * generator in the same state. Without replacement (the default) each row draws one Exp(1) key
 * per weight and keeps the largest `p / key` (`topk` order); with replacement it draws one
 * uniform per sample and looks it up in the cumulative distribution.
 *
 * Unlike PyTorch 1.13 on the CPU, which then returns zero-weight categories, asking for more
 * samples without replacement than a row has non-zero weights is an error.
 *
 * @example
 * ```ts
 * manualSeed(0);
 * multinomial(tensor([0.1, 0.6, 0.3]), 1); // [2], as torch.multinomial after manual_seed(0)
 * manualSeed(0);
 * multinomial(tensor([[1, 1, 0], [0, 2, 5]]), 4, { replacement: true });
 * // [[1, 1, 0, 1], [2, 2, 1, 2]]
 * ```
 */
export function multinomial(
  probs: Tensor,
  numSamples: number,
  options: MultinomialOptions = {},
): Tensor {
  expectTensor('multinomial', probs, 'probs');
  checkOptions('multinomial', options, ['replacement', 'generator']);
  const { replacement = false, generator = defaultGenerator } = options;
  if (typeof replacement !== 'boolean') {
    throw new TypeError(
      `multinomial: expected replacement to be a boolean, got ${describeArg(replacement)}`,
    );
  }
  if (!(generator instanceof Generator)) {
    throw new TypeError(
      `multinomial: expected generator to be a Generator, got ${describeArg(generator)}`,
    );
  }
  const shape = formatShape(probs.shape);
  if (probs.ndim !== 1 && probs.ndim !== 2) {
    throw new RangeError(
      `multinomial: prob_dist must be 1 or 2 dim, got shape ${shape}; ` +
        'pass one distribution [categories] or a batch [rows, categories]',
    );
  }
  if (probs.dtype !== 'float32' && probs.dtype !== 'float64') {
    throw new TypeError(
      `multinomial: multinomial only supports floating-point dtypes for input, got ${probs.dtype}; ` +
        'convert the weights with .float()',
    );
  }
  if (typeof numSamples !== 'number' || !Number.isInteger(numSamples)) {
    throw new TypeError(
      `multinomial: expected numSamples to be an integer, got ${describeArg(numSamples)}`,
    );
  }
  if (numSamples <= 0) {
    throw new RangeError(
      `multinomial: cannot sample n_sample <= 0 samples (numSamples = ${numSamples}); ask for at least one`,
    );
  }
  const cols = probs.shape[probs.ndim - 1]!;
  const rows = probs.ndim === 2 ? probs.shape[0]! : 1;
  if (!replacement && numSamples > cols) {
    throw new RangeError(
      `multinomial: cannot sample n_sample > prob_dist.size(-1) samples without replacement ` +
        `(numSamples = ${numSamples}, probs of shape ${shape} has ${cols} categories); ` +
        'ask for fewer samples or pass { replacement: true }',
    );
  }
  if (cols > MAX_CATEGORIES) {
    throw new RangeError(
      `multinomial: number of categories cannot exceed 2^24, got ${cols} (probs of shape ${shape})`,
    );
  }
  const outShape = probs.ndim === 2 ? [rows, numSamples] : [numSamples];
  const onBackend = { backend: probs.backend };
  if (rows === 0) return makeTensor('multinomial', new Int32Array(0), outShape, 'int32', onBackend);

  const values = probs.dataSync() as Float32Array | Float64Array;
  let indices: Int32Array;
  if (replacement) {
    checkWithReplacement(values, rows, cols, probs);
    indices = multinomialWithReplacement(generator, values, rows, cols, numSamples);
  } else {
    checkWithoutReplacement(values, rows, cols, numSamples, probs);
    indices = multinomialWithoutReplacement(
      generator,
      values,
      rows,
      cols,
      numSamples,
      drawsColumnMajor(probs) ? 'columns' : 'rows',
    );
  }
  return makeTensor('multinomial', indices, outShape, 'int32', onBackend);
}

/**
 * Whether PyTorch's `empty_like(probs)` would be a column-major tensor: it keeps the strides of
 * a dense, non-overlapping input (a transposed contiguous matrix), and fills it in memory order.
 */
function drawsColumnMajor(probs: Tensor): boolean {
  if (probs.ndim !== 2) return false;
  const [rows, cols] = probs.shape as [number, number];
  return rows > 1 && cols > 1 && probs.strides[0] === 1 && probs.strides[1] === rows;
}

function at(probs: Tensor, flat: number, cols: number): string {
  return probs.ndim === 2 ? `probs[${Math.floor(flat / cols)}, ${flat % cols}]` : `probs[${flat}]`;
}

function rowName(probs: Tensor, r: number): string {
  return probs.ndim === 2 ? `row ${r} of probs` : 'probs';
}

/** PyTorch's checks of the sampling path without replacement, all before anything is drawn. */
function checkWithoutReplacement(
  values: Float32Array | Float64Array,
  rows: number,
  cols: number,
  numSamples: number,
  probs: Tensor,
): void {
  const shape = formatShape(probs.shape);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= 0 && v < Infinity)) {
      throw new RangeError(
        'multinomial: probability tensor contains either `inf`, `nan` or element < 0: ' +
          `${at(probs, i, cols)} = ${v} (shape ${shape}); weights must be finite and >= 0`,
      );
    }
  }
  for (let r = 0; r < rows; r++) {
    let nonZero = 0;
    for (let j = r * cols; j < (r + 1) * cols; j++) if (values[j] !== 0) nonZero++;
    if (nonZero === 0) {
      throw new RangeError(
        `multinomial: invalid multinomial distribution (sum of probabilities <= 0): ` +
          `${rowName(probs, r)} (shape ${shape}) is all zeros; give every row a positive weight`,
      );
    }
    if (nonZero < numSamples) {
      throw new RangeError(
        'multinomial: invalid multinomial distribution (with replacement=False, not enough ' +
          `non-negative category to sample): ${rowName(probs, r)} (shape ${shape}) has ` +
          `${nonZero} non-zero weights but numSamples = ${numSamples}; ` +
          'ask for fewer samples or pass { replacement: true }',
      );
    }
  }
}

/**
 * PyTorch's checks of the sampling path with replacement. PyTorch makes them row by row while
 * it samples, so a bad second row leaves the generator advanced; here every row is checked
 * before anything is drawn. A sum that overflows float32 is refused too (PyTorch would then
 * divide by infinity and draw from a broken distribution).
 */
function checkWithReplacement(
  values: Float32Array | Float64Array,
  rows: number,
  cols: number,
  probs: Tensor,
): void {
  const shape = formatShape(probs.shape);
  const single = values instanceof Float32Array;
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let j = r * cols; j < (r + 1) * cols; j++) {
      const v = values[j]!;
      if (v !== v || v === Infinity) {
        throw new RangeError(
          'multinomial: invalid multinomial distribution (encountering probability entry = ' +
            `infinity or NaN): ${at(probs, j, cols)} = ${v} (shape ${shape}); weights must be finite`,
        );
      }
      if (!(v >= 0)) {
        throw new RangeError(
          'multinomial: invalid multinomial distribution (encountering probability entry < 0): ' +
            `${at(probs, j, cols)} = ${v} (shape ${shape}); weights must be >= 0`,
        );
      }
      sum = single ? Math.fround(sum + v) : sum + v;
    }
    if (!(sum > 0)) {
      throw new RangeError(
        `multinomial: invalid multinomial distribution (sum of probabilities <= 0): ` +
          `${rowName(probs, r)} (shape ${shape}) ${cols === 0 ? 'has no categories' : 'is all zeros'}; ` +
          'give every row a positive weight',
      );
    }
    if (sum === Infinity) {
      throw new RangeError(
        `multinomial: the weights of ${rowName(probs, r)} (shape ${shape}) sum to infinity in ` +
          `${probs.dtype}; scale them down (they need not sum to 1) or use float64`,
      );
    }
  }
}
