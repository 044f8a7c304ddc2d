/** Throws `op: invalid <what>: <value> (<rule>)` unless `ok`. @internal */
export function check(ok: boolean, op: string, what: string, value: unknown, rule: string): void {
  if (!ok)
    throw new RangeError(
      `${op}: invalid ${what}: ${JSON.stringify(value) ?? String(value)} (${rule})`,
    );
}

/** The checks Adam-like optimizers share. @internal */
export function checkAdamLike(
  op: string,
  g: { lr: number; betas: readonly [number, number]; eps: number; weightDecay: number },
): void {
  check(
    typeof g.lr === 'number' && g.lr >= 0,
    op,
    'learning rate',
    g.lr,
    'lr must be a number >= 0',
  );
  check(typeof g.eps === 'number' && g.eps > 0, op, 'epsilon value', g.eps, 'eps must be > 0');
  check(
    Array.isArray(g.betas) && g.betas.length === 2,
    op,
    'betas',
    g.betas,
    'betas must be a pair [beta1, beta2]',
  );
  g.betas.forEach((b, i) =>
    check(
      typeof b === 'number' && b >= 0 && b < 1,
      op,
      `beta parameter at index ${i}`,
      b,
      'betas must lie in [0, 1)',
    ),
  );
  check(
    typeof g.weightDecay === 'number' && g.weightDecay >= 0,
    op,
    'weightDecay value',
    g.weightDecay,
    'weightDecay must be >= 0',
  );
}
