import { tensor, Tensor } from '@torchlet/tensor';

/**
 * A dataset of rows of tensors, like `torch.utils.data.TensorDataset`: row `i` is
 * `[x[i], y[i], …]`. Every tensor must have the same first dim. A {@link DataLoader} over it
 * cuts whole batches out with one `narrow` or `indexSelect` per tensor instead of stacking
 * rows one by one.
 *
 * @example
 * ```ts
 * const data = new TensorDataset(x, y); // x: [1000, 16], y: [1000]
 * data.length;  // 1000
 * data.get(3);  // [x[3], y[3]]
 * ```
 */
export class TensorDataset {
  /** The tensors, all with the same first dim; row `i` is `tensors.map((t) => t[i])`. */
  readonly tensors: readonly Tensor[];

  constructor(...tensors: Tensor[]) {
    if (tensors.length === 0) {
      throw new RangeError('TensorDataset: expected at least one tensor');
    }
    tensors.forEach((t, i) => {
      if (!(t instanceof Tensor)) {
        throw new TypeError(`TensorDataset: argument ${i} is ${typeof t}, expected a Tensor`);
      }
      if (t.ndim === 0) {
        throw new RangeError(
          `TensorDataset: tensor ${i} is 0-d; every tensor needs a first dim that indexes rows`,
        );
      }
    });
    const rows = tensors[0].shape[0];
    tensors.forEach((t, i) => {
      if (t.shape[0] !== rows) {
        throw new RangeError(
          `TensorDataset: size mismatch between tensors: tensor ${i} has ${t.shape[0]} rows, ` +
            `tensor 0 has ${rows}`,
        );
      }
    });
    this.tensors = tensors;
  }

  /** Number of rows. */
  get length(): number {
    return this.tensors[0].shape[0];
  }

  /** Row `index` of every tensor. */
  get(index: number): Tensor[] {
    this.checkIndex(index);
    return this.tensors.map((t) => t.select(0, index));
  }

  /**
   * The rows at `indices`, one tensor per dataset tensor: a view when the indices are
   * consecutive and ascending, else a gather.
   */
  batch(indices: readonly number[] | Int32Array): Tensor[] {
    for (const i of indices) this.checkIndex(i);
    const n = indices.length;
    const start = indices[0];
    let consecutive = n > 0;
    for (let k = 1; k < n && consecutive; k++) consecutive = indices[k] === start + k;
    if (consecutive) return this.tensors.map((t) => t.narrow(0, start, n));
    const index = tensor(Int32Array.from(indices));
    return this.tensors.map((t) => t.indexSelect(0, index));
  }

  private checkIndex(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) {
      throw new RangeError(
        `TensorDataset: index ${index} is out of range for a dataset of ${this.length} rows`,
      );
    }
  }
}
