/**
 * Checks that `options` is a plain object whose keys are all in `allowed`, so a misspelled or
 * PyTorch-spelled option (`warmup_steps`, `T_max`) throws instead of being ignored. The error
 * suggests the key meant: the camelCase form of a snake_case key, a key that differs only in
 * case, or a close misspelling; otherwise it lists the allowed keys. `kind: 'state key'` words
 * the error for a state dict passed to `loadStateDict`. @internal
 *
 * @example
 * ```ts
 * checkOptionKeys('warmup', { peak: 1, warmup_steps: 5 }, ['peak', 'warmupSteps']);
 * // TypeError: warmup: unknown option 'warmup_steps'; did you mean 'warmupSteps'?
 * ```
 */
export function checkOptionKeys(
  op: string,
  options: unknown,
  allowed: readonly string[],
  kind: 'option' | 'state key' = 'option',
): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    const got = options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options;
    const what = kind === 'option' ? 'options' : 'a state dict';
    throw new TypeError(
      `${op}: expected ${what} to be an object like { ${allowed[0]}: … }, got ${got}`,
    );
  }
  for (const key of Object.keys(options)) {
    if (allowed.includes(key)) continue;
    const guess = suggest(key, allowed);
    const hint =
      guess === undefined
        ? `expected one of ${allowed.map((k) => `'${k}'`).join(', ')}`
        : `did you mean '${guess}'?`;
    throw new TypeError(`${op}: unknown ${kind} '${key}'; ${hint}`);
  }
}

function suggest(key: string, allowed: readonly string[]): string | undefined {
  const camel = key.replace(/_+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
  if (allowed.includes(camel)) return camel;
  const plain = (s: string) => s.replace(/_/g, '').toLowerCase();
  // Short keys are only matched closely: 'lr' is not a typo of 'to'.
  const tolerance = key.length >= 6 ? 2 : key.length >= 4 ? 1 : 0;
  let best: string | undefined;
  let bestDistance = tolerance + 1;
  for (const k of allowed) {
    const d = editDistance(plain(k), plain(key));
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

/** Levenshtein distance, for suggestions among a handful of short keys. */
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
