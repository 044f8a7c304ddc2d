const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** A checkpoint of an {@link MT19937}: the 624 state words and the read position. */
export interface MT19937State {
  /** The 624 words of the twister state, each an unsigned 32-bit integer. */
  words: number[];
  /** Index of the next word to temper; 624 means the state must be regenerated first. */
  index: number;
}

/**
 * The 32-bit Mersenne Twister (MT19937), seeded from a single 32-bit integer exactly like
 * C++'s `std::mt19937(seed)` and PyTorch's `at::mt19937`, so both produce the same stream.
 *
 * @example
 * ```ts
 * const mt = new MT19937(5489);
 * mt.nextUint32(); // 3499211612, the first output of a default-seeded std::mt19937
 * ```
 */
export class MT19937 {
  private readonly state = new Uint32Array(N);
  private index = N;

  constructor(seed = 5489) {
    this.seed(seed);
  }

  /** Re-initialises the state from the low 32 bits of `seed` (Knuth's multiplicative recurrence). */
  seed(seed: number): void {
    const mt = this.state;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      // Math.imul keeps the product exact modulo 2^32, which a float multiply would not.
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.index = N;
  }

  /** The next output, an unsigned 32-bit integer in [0, 2^32). */
  nextUint32(): number {
    if (this.index >= N) this.twist();
    let y = this.state[this.index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A copy of the current state; feeding it to {@link MT19937.setState} resumes the same stream. */
  getState(): MT19937State {
    return { words: Array.from(this.state), index: this.index };
  }

  /** Restores a state taken with {@link MT19937.getState} (the argument is copied, not kept). */
  setState(state: MT19937State): void {
    const { words, index } = state;
    if (!Array.isArray(words) || words.length !== N) {
      throw new Error(`MT19937.setState: expected ${N} state words, got ${describeLength(words)}`);
    }
    if (!Number.isInteger(index) || index < 0 || index > N) {
      throw new Error(`MT19937.setState: index must be an integer in [0, ${N}], got ${index}`);
    }
    for (let i = 0; i < N; i++) {
      const w = words[i];
      if (!Number.isInteger(w) || w! < 0 || w! > 0xffffffff) {
        throw new Error(`MT19937.setState: word ${i} is not an unsigned 32-bit integer: ${w}`);
      }
      this.state[i] = w!;
    }
    this.index = index;
  }

  /** Regenerates all 624 words at once (the standard "generate N words" step). */
  private twist(): void {
    const mt = this.state;
    for (let i = 0; i < N; i++) {
      const y = (mt[i]! & UPPER_MASK) | (mt[(i + 1) % N]! & LOWER_MASK);
      mt[i] = mt[(i + M) % N]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    this.index = 0;
  }
}

function describeLength(words: unknown): string {
  return Array.isArray(words) ? `${words.length}` : typeof words;
}
