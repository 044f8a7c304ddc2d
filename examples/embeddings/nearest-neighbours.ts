import { cosineSimilarity, noGrad, type Tensor } from 'torchlet';

/** A word's neighbour: its id and the cosine similarity of their vectors. */
export interface Neighbour {
  readonly id: number;
  readonly similarity: number;
}

/**
 * The `k` rows of `vectors` `[V, D]` closest to row `id` by cosine similarity (the row itself
 * left out), most similar first.
 *
 * @example
 * ```ts
 * nearestNeighbours(model.inEmbed.weight, vocab.ids.get('whale')!, 5).map((n) => vocab.words[n.id]);
 * ```
 */
export function nearestNeighbours(vectors: Tensor, id: number, k: number): Neighbour[] {
  const rows = vectors.shape[0];
  if (!(Number.isInteger(id) && id >= 0 && id < rows)) {
    throw new RangeError(`nearestNeighbours: id ${id} is out of range for ${rows} vectors`);
  }
  if (!(Number.isInteger(k) && k >= 1 && k < rows)) {
    throw new RangeError(`nearestNeighbours: k must be an integer in [1, ${rows - 1}], got ${k}`);
  }
  return noGrad(() => {
    // [V, D] against [1, D] broadcasts: one similarity per row.
    const similarity = cosineSimilarity(vectors, vectors.select(0, id).unsqueeze(0), { dim: 1 });
    const { values, indices } = similarity.topk(k + 1);
    const ids = indices.toArray() as number[];
    const sims = values.toArray() as number[];
    return ids
      .map((n, i) => ({ id: n, similarity: sims[i] }))
      .filter((n) => n.id !== id)
      .slice(0, k);
  });
}
