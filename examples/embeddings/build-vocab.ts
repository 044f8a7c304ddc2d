/** A vocabulary: the kept words, most frequent first, with their counts. */
export interface Vocab {
  /** The words; a word's id is its index here. */
  readonly words: readonly string[];
  /** How often each word occurs in the text. */
  readonly counts: readonly number[];
  /** Word → id. */
  readonly ids: ReadonlyMap<string, number>;
}

/**
 * The vocabulary of `words`: every word seen at least `minCount` times, most frequent first (ties
 * in order of first appearance), at most `maxSize` of them. Rarer words are left out: they have
 * too few contexts to learn a vector from.
 *
 * @example
 * ```ts
 * buildVocab(['the', 'whale', 'the', 'sea'], { minCount: 1, maxSize: 2 }).words; // ['the', 'whale']
 * ```
 */
export function buildVocab(
  words: readonly string[],
  options: { minCount: number; maxSize: number },
): Vocab {
  const { minCount, maxSize } = options;
  if (!(Number.isInteger(minCount) && minCount >= 1 && Number.isInteger(maxSize) && maxSize >= 1)) {
    throw new RangeError(
      `buildVocab: minCount and maxSize must be integers >= 1, got ${minCount} and ${maxSize}`,
    );
  }
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  // Map keeps insertion order and sort is stable, so ties stay in order of first appearance.
  const kept = [...counts]
    .filter(([, c]) => c >= minCount)
    .sort((a, b) => b[1] - a[1])
    .slice(0, maxSize);
  return {
    words: kept.map(([w]) => w),
    counts: kept.map(([, c]) => c),
    ids: new Map(kept.map(([w], i) => [w, i])),
  };
}
