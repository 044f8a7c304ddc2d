/** Names other libraries use for an option, mapped to ours (optax, Keras, the papers). */
const ALIASES: Record<string, string> = {
  learningRate: 'lr',
  epsilon: 'eps',
  beta1: 'betas',
  beta2: 'betas',
  decay: 'weightDecay',
  wd: 'weightDecay',
};

/** Edit distance, for "did you mean" on near-miss keys (`momentun`, `weightDecy`). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        previous[j] + 1,
        row[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = row;
  }
  return previous[b.length];
}

/** The allowed key a mistyped `key` most likely meant, if any. */
function suggest(key: string, allowed: readonly string[]): string | undefined {
  const camel = key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  if (allowed.includes(camel)) return camel;
  const alias = ALIASES[camel];
  if (alias !== undefined && allowed.includes(alias)) return alias;
  const lower = camel.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of allowed) {
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  // Two edits on keys of 4+ letters (`momentun`, `weightDecy`); one on shorter ones (`ep`).
  return bestDistance <= (Math.min(lower.length, (best ?? '').length) >= 4 ? 2 : 1)
    ? best
    : undefined;
}

/**
 * Checks that `options` is a plain object holding only `allowed` keys, so a misspelled or
 * snake_case option (PyTorch's `weight_decay`) throws with a suggestion instead of being
 * ignored. Keys whose value is `undefined` count too: they are still typos.
 *
 * @example
 * ```ts
 * checkOptions('AdamW', { weight_decay: 0.1 }, ['lr', 'weightDecay']);
 * // TypeError: AdamW: unknown option 'weight_decay'; did you mean 'weightDecay'?
 * ```
 */
export function checkOptions(op: string, options: unknown, allowed: readonly string[]): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    const got = options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options;
    throw new TypeError(
      `${op}: expected options to be an object like { ${allowed[0]}: … }, got ${got}`,
    );
  }
  for (const key of Object.keys(options)) {
    if (allowed.includes(key)) continue;
    const guess = suggest(key, allowed);
    const hint =
      guess !== undefined
        ? `did you mean '${guess}'?`
        : `expected one of ${allowed.map((k) => `'${k}'`).join(', ')}`;
    throw new TypeError(`${op}: unknown option '${key}'; ${hint}`);
  }
}
