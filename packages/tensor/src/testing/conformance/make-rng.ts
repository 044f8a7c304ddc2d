// Deterministic inputs. A tiny xorshift keeps the suite independent of torchlet's own generators.

/** A seeded source of numbers in [0, 1). */
export type Rng = () => number;

/** An xorshift generator of numbers in [0, 1), fully determined by `seed`. */
export function makeRng(seed: number): Rng {
  let s = seed | 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}
