import { rand } from 'torchlet';

/**
 * word2vec's subsampling of frequent words: each occurrence of a word with frequency `f` (its
 * share of the text) is kept with probability `min(1, (√(f/t) + 1) · t/f)`. "the" and "of" then
 * fill far fewer windows, and the rarer words get more of the training. The draws come from the
 * seeded generator (`manualSeed`), so a run repeats exactly.
 *
 * @example
 * ```ts
 * const kept = subsample(ids, vocab.counts, 1e-4); // about 40% of Moby Dick's words
 * ```
 */
export function subsample(ids: Int32Array, counts: readonly number[], t: number): Int32Array {
  let total = 0;
  for (const c of counts) total += c;
  const keep = counts.map((c) => {
    const f = c / total;
    return Math.min(1, (Math.sqrt(f / t) + 1) * (t / f));
  });
  const u = rand([ids.length]).toArray() as number[];
  return ids.filter((id, i) => u[i] < keep[id]);
}
