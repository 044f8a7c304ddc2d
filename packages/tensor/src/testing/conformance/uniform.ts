import type { Rng } from './make-rng';

/** A generator of numbers spread uniformly over [lo, hi), drawn from `rng`. */
export const uniform = (rng: Rng, lo: number, hi: number) => (): number => lo + (hi - lo) * rng();
