/** Throws `op: invalid <what>: <value> (<rule>)` unless `ok`. @internal */
export function check(ok: boolean, op: string, what: string, value: unknown, rule: string): void {
  if (!ok) throw new RangeError(`${op}: invalid ${what}: ${describeValue(value)} (${rule})`);
}

/** A value as a message shows it: numbers as written (JSON would print NaN and ±Infinity as null). */
function describeValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value) ?? String(value);
}

/** A learning rate: a number >= 0. @internal */
export function checkLearningRate(op: string, lr: unknown): void {
  check(typeof lr === 'number' && lr >= 0, op, 'learning rate', lr, 'lr must be a number >= 0');
}

/** A weight decay: a number >= 0. @internal */
export function checkWeightDecay(op: string, weightDecay: unknown): void {
  check(
    typeof weightDecay === 'number' && weightDecay >= 0,
    op,
    'weightDecay value',
    weightDecay,
    'weightDecay must be a number >= 0',
  );
}

/** A pair of betas, each in [0, 1). @internal */
export function checkBetas(op: string, betas: unknown): void {
  check(
    Array.isArray(betas) && betas.length === 2,
    op,
    'betas',
    betas,
    'betas must be a pair [beta1, beta2]',
  );
  (betas as unknown[]).forEach((b, i) =>
    check(
      typeof b === 'number' && b >= 0 && b < 1,
      op,
      `beta parameter at index ${i}`,
      b,
      'betas must lie in [0, 1)',
    ),
  );
}

/** The checks Adam-like optimizers share. @internal */
export function checkAdamLike(
  op: string,
  g: {
    lr: number;
    betas: readonly [number, number];
    eps: number;
    weightDecay: number;
    amsgrad: boolean;
  },
): void {
  checkLearningRate(op, g.lr);
  check(typeof g.eps === 'number' && g.eps > 0, op, 'epsilon value', g.eps, 'eps must be > 0');
  checkBetas(op, g.betas);
  checkWeightDecay(op, g.weightDecay);
  check(
    typeof g.amsgrad === 'boolean',
    op,
    'amsgrad setting',
    g.amsgrad,
    'amsgrad must be a boolean',
  );
}
