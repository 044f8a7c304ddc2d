/**
 * The name in `names` that `given` most likely meant: its camelCase form (`padding_idx` →
 * `paddingIdx`), an alias (`learningRate` → `lr`, when `aliases` maps it), the same name in
 * another case or without underscores, or a close misspelling; undefined when none is close.
 * Short names are matched strictly, since `'lr'` is no typo of `'to'`; with `fuzzy` false only
 * case and underscores may differ (`'float16'` is not a typo of `'float32'`).
 *
 * @example
 * ```ts
 * closestName('fan_in', ['fanIn', 'fanOut']); // 'fanIn'
 * closestName('momentun', ['lr', 'momentum']); // 'momentum'
 * ```
 */
export function closestName(
  given: string,
  names: readonly string[],
  { fuzzy = true, aliases = {} }: ClosestNameOptions = {},
): string | undefined {
  const camel = given.replace(/_+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
  if (names.includes(camel)) return camel;
  const alias = Object.hasOwn(aliases, camel) ? aliases[camel] : undefined;
  if (alias !== undefined && names.includes(alias)) return alias;
  const plain = (s: string) => s.replace(/_/g, '').toLowerCase();
  const tolerance = !fuzzy ? 0 : given.length >= 6 ? 2 : given.length >= 4 ? 1 : 0;
  let best: string | undefined;
  let bestDistance = tolerance + 1;
  for (const name of names) {
    const d = editDistance(plain(name), plain(given));
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return best;
}

/** Options of {@link closestName}. */
export interface ClosestNameOptions {
  /** Allow misspellings (edit distance 1 from 4 letters, 2 from 6), not only case and `_`. */
  fuzzy?: boolean;
  /** Other libraries' names for the same thing, e.g. `{ learningRate: 'lr' }`. */
  aliases?: Readonly<Record<string, string>>;
}

/** Levenshtein distance, for a handful of short names. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}
