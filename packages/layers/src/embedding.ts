import { noGrad } from '@torchlet/autograd';
import {
  arange,
  formatShape,
  where,
  type DType,
  type Tensor,
  checkOptions,
} from '@torchlet/tensor';
import { checkChoice } from './check-choice';
import { empty } from './empty';
import { normal_ } from './init/fill';
import { Module } from './module';
import { Parameter } from './parameter';

/** Options of {@link Embedding}. */
export interface EmbeddingOptions {
  /** A row that stays at zero and gets no gradient (padding tokens). */
  paddingIdx?: number;
  /** `'float32'` (default) or `'float64'`. */
  dtype?: DType;
}

/**
 * A lookup table of `num` vectors of size `dim`, like `torch.nn.Embedding`, initialised from
 * N(0, 1). The gradient reaches only the rows that were looked up.
 *
 * @example
 * ```ts
 * const emb = new Embedding(10, 8);
 * emb.forward(tensor([[1, 3], [7, 0]], { dtype: 'int32' })).shape; // [2, 2, 8]
 * ```
 */
export class Embedding extends Module {
  /** The table, `[numEmbeddings, embeddingDim]`, one row per index. */
  weight: Parameter;
  /** The padding row, made non-negative, or undefined for none. */
  readonly paddingIdx: number | undefined;

  /**
   * @param numEmbeddings - The number of rows (the vocabulary size).
   * @param embeddingDim - The size of each vector.
   * @param options - `{ paddingIdx, dtype }`.
   */
  constructor(
    /** The number of rows (the vocabulary size). */
    readonly numEmbeddings: number,
    /** The size of each vector. */
    readonly embeddingDim: number,
    options: EmbeddingOptions = {},
  ) {
    super();
    checkOptions('Embedding', options, ['paddingIdx', 'dtype']);
    const dtype = checkChoice('Embedding', 'dtype', options.dtype ?? 'float32', [
      'float32',
      'float64',
    ]);
    let { paddingIdx } = options;
    if (paddingIdx !== undefined) {
      if (
        !Number.isInteger(paddingIdx) ||
        paddingIdx < -numEmbeddings ||
        paddingIdx >= numEmbeddings
      ) {
        throw new RangeError(
          `Embedding: paddingIdx must be within [-${numEmbeddings}, ${numEmbeddings}), got ${paddingIdx}`,
        );
      }
      if (paddingIdx < 0) paddingIdx += numEmbeddings;
    }
    this.paddingIdx = paddingIdx;
    this.weight = new Parameter(empty([numEmbeddings, embeddingDim], dtype));
    normal_(this.weight);
    if (paddingIdx !== undefined) {
      const isPad = arange(numEmbeddings).eq(paddingIdx).unsqueeze(1);
      noGrad(() => this.weight.copy_(where(isPad, 0, this.weight)));
    }
  }

  forward(indices: Tensor): Tensor {
    const name = `Embedding(${this.numEmbeddings}, ${this.embeddingDim})`;
    if (indices.dtype !== 'int32') {
      throw new TypeError(
        `${name}: expected int32 indices, got ${indices.dtype}; use tensor(…, { dtype: 'int32' }) or .int()`,
      );
    }
    const flat = indices.reshape([-1]);
    let rows: Tensor;
    try {
      rows = this.weight.indexSelect(0, flat);
    } catch (error) {
      throw new RangeError(
        `${name}: ${(error as Error).message} (indices ${formatShape(indices.shape)})`,
      );
    }
    if (this.paddingIdx !== undefined) {
      // Same values, but the padding row's gradient is cut off.
      rows = where(flat.eq(this.paddingIdx).unsqueeze(1), rows.detach(), rows);
    }
    return rows.reshape([...indices.shape, this.embeddingDim]);
  }

  override extraRepr(): string {
    return `${this.numEmbeddings}, ${this.embeddingDim}${this.paddingIdx !== undefined ? `, padding_idx=${this.paddingIdx}` : ''}`;
  }
}
