import type { Rng } from './make-rng';

/** A generator of integers spread uniformly over lo..hi (inclusive), drawn from `rng`. */
export const integers = (rng: Rng, lo: number, hi: number) => (): number =>
  lo + Math.floor((hi - lo + 1) * rng());
