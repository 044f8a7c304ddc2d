import { defaultGenerator, type Generator, type Tensor } from '@torchlet/tensor';
import { batchSampler } from './batch-sampler';
import { defaultCollate } from './default-collate';
import { randomSampler } from './random-sampler';
import { TensorDataset } from './tensor-dataset';

/**
 * A map-style dataset: a length and random access (sync or async), like PyTorch's `Dataset`.
 *
 * @example
 * ```ts
 * const remote: MapDataset<[Tensor, number]> = { length: 100, get: async (i) => [await fetchImage(i), labels[i]] };
 * ```
 */
export interface MapDataset<T> {
  /** The number of samples (PyTorch's `__len__`). */
  readonly length: number;
  /** The sample at `index`, in `[0, length)` (PyTorch's `__getitem__`). */
  get(index: number): T | Promise<T>;
}

/**
 * What a {@link DataLoader} reads: a map-style dataset, an array, or a (async) stream.
 *
 * @example
 * ```ts
 * const rows: Dataset<[Tensor, number]> = [[tensor([1, 2]), 0], [tensor([3, 4]), 1]];
 * ```
 */
export type Dataset<T> = MapDataset<T> | readonly T[] | Iterable<T> | AsyncIterable<T>;

/**
 * Options of {@link DataLoader}, PyTorch's names in camelCase.
 *
 * @example
 * ```ts
 * const options: DataLoaderOptions<Tensor[]> = { batchSize: 32, shuffle: true, dropLast: true };
 * ```
 */
export interface DataLoaderOptions<T> {
  /** Samples per batch (default 1, as in PyTorch). */
  batchSize?: number;
  /** Reshuffle the indices every epoch (map-style datasets only). Default false. */
  shuffle?: boolean;
  /** Drop the last batch when it is smaller than `batchSize`. Default false. */
  dropLast?: boolean;
  /** Generator for the shuffle order (and the per-epoch seed draw); default: the global one. */
  generator?: Generator;
  /** Turns a list of samples into a batch; default {@link defaultCollate}. */
  collate?: (samples: T[]) => Tensor[];
}

type Kind = 'tensor' | 'array' | 'map' | 'stream';

/**
 * Batches a dataset, like `torch.utils.data.DataLoader` (single process). Each batch is an
 * array of tensors (`[xb, yb]`); iterate with `for await` (any dataset) or plain `for` (tensor,
 * array and synchronous datasets). `length` is the number of batches per epoch.
 *
 * Random draws follow PyTorch 1.13 exactly, so the same seed gives the same batches: starting
 * an epoch takes one 64-bit draw (the worker base seed) from `generator` or the global
 * generator, and shuffling then draws as `RandomSampler` does (see {@link randomSampler}).
 * Iterating over a loader without shuffling therefore still advances the generator, as in
 * PyTorch.
 *
 * @example
 * ```ts
 * const loader = new DataLoader(new TensorDataset(x, y), { batchSize: 32, shuffle: true, generator: g });
 * for (const [xb, yb] of loader) {
 *   const loss = crossEntropy(model.forward(xb), yb);
 * }
 * ```
 */
export class DataLoader<T = unknown> implements Iterable<Tensor[]>, AsyncIterable<Tensor[]> {
  /** The dataset the batches come from. */
  readonly dataset: Dataset<T>;
  /** Samples per batch. */
  readonly batchSize: number;
  /** Whether the indices are reshuffled every epoch. */
  readonly shuffle: boolean;
  /** Whether a last batch smaller than `batchSize` is dropped. */
  readonly dropLast: boolean;
  /** The loader's own generator, or null to draw from the global one. */
  readonly generator: Generator | null;
  private readonly collate: (samples: T[]) => Tensor[];
  private readonly kind: Kind;

  constructor(dataset: Dataset<T>, options: DataLoaderOptions<T> = {}) {
    const { batchSize = 1, shuffle = false, dropLast = false, generator, collate } = options;
    if (!Number.isSafeInteger(batchSize) || batchSize <= 0) {
      throw new RangeError(`DataLoader: batchSize must be a positive integer, got ${batchSize}`);
    }
    if (generator !== undefined && typeof generator?.randperm !== 'function') {
      throw new TypeError('DataLoader: generator must be a Generator from @torchlet/tensor');
    }
    this.kind = kindOf(dataset);
    if (shuffle && this.kind === 'stream') {
      throw new TypeError(
        'DataLoader: shuffle needs a dataset with a length and get(index); an iterable dataset ' +
          'has no indices to shuffle (shuffle the stream itself)',
      );
    }
    this.dataset = dataset;
    this.batchSize = batchSize;
    this.shuffle = shuffle;
    this.dropLast = dropLast;
    this.generator = generator ?? null;
    this.collate = collate ?? (defaultCollate as (samples: T[]) => Tensor[]);
  }

  /** Batches per epoch: `ceil(n / batchSize)`, or `floor` with `dropLast`. */
  get length(): number {
    const n = this.size();
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  /** Synchronous batches; throws for a dataset that answers with Promises. */
  [Symbol.iterator](): IterableIterator<Tensor[]> {
    if (this.kind === 'stream' && !(Symbol.iterator in (this.dataset as object))) {
      throw new TypeError(
        'DataLoader: the dataset is async; iterate with `for await (const batch of loader)`',
      );
    }
    this.drawBaseSeed();
    return this.kind === 'stream' ? this.streamBatches() : this.syncBatches();
  }

  /** Batches for `for await`, from any kind of dataset. */
  [Symbol.asyncIterator](): AsyncIterableIterator<Tensor[]> {
    this.drawBaseSeed();
    return this.kind === 'stream' ? this.asyncStreamBatches() : this.asyncBatches();
  }

  private size(): number {
    const n = (this.dataset as { length?: unknown }).length;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
      throw new TypeError(
        this.kind === 'stream'
          ? 'DataLoader: the number of batches is unknown for an iterable dataset without a length'
          : `DataLoader: dataset.length must be a non-negative integer, got ${String(n)}`,
      );
    }
    return n;
  }

  // PyTorch's _BaseDataLoaderIter takes this 64-bit draw for worker seeds whether or not workers run.
  private drawBaseSeed(): void {
    const g = this.generator ?? defaultGenerator;
    g.nextUint32();
    g.nextUint32();
  }

  private indexBatches(): IterableIterator<number[]> {
    const n = this.size();
    const indices = this.shuffle ? randomSampler(n, this.generator) : sequential(n);
    return batchSampler(indices, this.batchSize, this.dropLast);
  }

  private *syncBatches(): IterableIterator<Tensor[]> {
    for (const indices of this.indexBatches()) {
      if (this.kind === 'tensor') {
        yield (this.dataset as unknown as TensorDataset).batch(indices);
        continue;
      }
      const samples = indices.map((i) => this.sample(i));
      if (samples.some(isThenable)) {
        throw new TypeError(
          'DataLoader: dataset.get returned a Promise; iterate with `for await (const batch of loader)`',
        );
      }
      yield this.collate(samples as T[]);
    }
  }

  private async *asyncBatches(): AsyncIterableIterator<Tensor[]> {
    for (const indices of this.indexBatches()) {
      if (this.kind === 'tensor') {
        yield (this.dataset as unknown as TensorDataset).batch(indices);
        continue;
      }
      const samples = await Promise.all(indices.map((i) => this.sample(i)));
      yield this.collate(samples);
    }
  }

  private *streamBatches(): IterableIterator<Tensor[]> {
    let batch: T[] = [];
    for (const sample of this.dataset as Iterable<T>) {
      batch.push(sample);
      if (batch.length === this.batchSize) {
        yield this.collate(batch);
        batch = [];
      }
    }
    if (batch.length > 0 && !this.dropLast) yield this.collate(batch);
  }

  private async *asyncStreamBatches(): AsyncIterableIterator<Tensor[]> {
    let batch: T[] = [];
    for await (const sample of this.dataset as AsyncIterable<T> | Iterable<T>) {
      batch.push(sample);
      if (batch.length === this.batchSize) {
        yield this.collate(batch);
        batch = [];
      }
    }
    if (batch.length > 0 && !this.dropLast) yield this.collate(batch);
  }

  private sample(index: number): T | Promise<T> {
    return this.kind === 'array'
      ? (this.dataset as readonly T[])[index]
      : (this.dataset as MapDataset<T>).get(index);
  }
}

function* sequential(n: number): IterableIterator<number> {
  for (let i = 0; i < n; i++) yield i;
}

function isThenable(value: unknown): boolean {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function kindOf(dataset: unknown): Kind {
  if (dataset instanceof TensorDataset) return 'tensor';
  if (Array.isArray(dataset)) return 'array';
  if (dataset !== null && typeof dataset === 'object') {
    const d = dataset as { length?: unknown; get?: unknown };
    if (typeof d.get === 'function' && typeof d.length === 'number') return 'map';
    if (Symbol.iterator in d || Symbol.asyncIterator in d) return 'stream';
  }
  throw new TypeError(
    'DataLoader: the dataset must be a TensorDataset, an array, an object with length and ' +
      `get(index), or an (async) iterable; got ${dataset === null ? 'null' : typeof dataset}`,
  );
}
